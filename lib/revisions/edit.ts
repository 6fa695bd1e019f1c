/**
 * An editor's change of an article's text and title (the /articles/[id]/revise
 * page): the text through a new revision (./revise.ts, spans carried over or
 * flagged orphaned), the title as metadata (cleaned as an imported title is),
 * and an audit event — all in one transaction, so an edit is saved whole or
 * not at all.
 */
import { z } from "zod";
import { cleanField } from "../articles/prepare";
import { audit, type AuditActor } from "../audit/log";
import type { Db } from "../db";
import { notFound } from "../errors";
import { REVISE_TRANSACTION, reviseArticleIn, type ReviseResult } from "./revise";

export const articleEditSchema = z.object({
  id: z.uuid("Unknown article."),
  /** The revision the editor saw; a newer one makes the edit a CONFLICT. Omitted: no check. */
  expectedRevision: z.int().min(1).optional(),
  /** Omitted: the title stays; blank: the article becomes untitled. Cleaned like an imported title. */
  title: z
    .string()
    .transform(cleanField)
    .pipe(z.string().max(2000, "must be at most 2000 characters").nullable())
    .optional(),
  text: z.string(),
  note: z
    .string()
    .trim()
    .max(2000, "must be at most 2000 characters")
    .nullish()
    .transform((t) => t || null),
});
export type ArticleEdit = z.output<typeof articleEditSchema>;

export interface ArticleEditResult extends ReviseResult {
  titleChanged: boolean;
}

export async function editArticle(db: Db, actor: AuditActor, edit: ArticleEdit): Promise<ArticleEditResult> {
  return db.$transaction(async (tx) => {
    // Lock the row: a concurrent edit waits, so `before` is what this edit changes.
    const [before] = await tx.$queryRaw<{ title: string | null; revision: number }[]>`
      SELECT title, revision FROM "Article" WHERE id = ${edit.id}::uuid FOR UPDATE`;
    if (!before) throw notFound("The article");
    // The revision check (expectedRevision) runs first: a stale form changes nothing.
    const revised = await reviseArticleIn(tx, edit.id, edit.text, {
      actor: { id: actor.id },
      note: edit.note,
      expectedRevision: edit.expectedRevision,
    });
    const title = edit.title === undefined ? undefined : cleanField(edit.title);
    const titleChanged = title !== undefined && before.title !== title;
    if (titleChanged) await tx.article.update({ where: { id: edit.id }, data: { title } });
    if (revised.changed || titleChanged) {
      await audit(tx, {
        action: "article.revised",
        actor,
        target: { type: "article", id: edit.id },
        before: { revision: before.revision, ...(titleChanged ? { title: before.title } : {}) },
        after: { revision: revised.revision, ...(titleChanged ? { title } : {}) },
        detail: revised.changed
          ? { carried: revised.spans.context + revised.spans.nearest, orphaned: revised.spans.orphaned.length }
          : null,
      });
    }
    return { ...revised, titleChanged };
  }, REVISE_TRANSACTION);
}

export interface ArticleForRevision {
  id: string;
  title: string | null;
  language: string;
  outlet: string | null;
  text: string;
  revision: number;
  story: { key: string; title: string };
  spanCount: number;
  /** Spans a revision could not place: kept with their old offsets, to be reviewed. */
  orphaned: { id: string; quote: string; revision: number; label: string | null }[];
}

export async function articleForRevision(db: Db, id: string): Promise<ArticleForRevision | null> {
  const article = await db.article.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      language: true,
      outlet: true,
      text: true,
      revision: true,
      story: { select: { key: true, title: true } },
      _count: { select: { spans: { where: { deletedAt: null } } } },
      spans: {
        where: { orphaned: true, deletedAt: null },
        orderBy: [{ revision: "asc" }, { start: "asc" }],
        take: 500,
        select: { id: true, quote: true, revision: true, label: { select: { name: true } } },
      },
    },
  });
  if (!article) return null;
  const { _count, spans, ...rest } = article;
  return {
    ...rest,
    spanCount: _count.spans,
    orphaned: spans.map((s) => ({ id: s.id, quote: s.quote, revision: s.revision, label: s.label?.name ?? null })),
  };
}
