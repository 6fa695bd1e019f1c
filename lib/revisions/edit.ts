/**
 * An editor's change of an article's text and title (the /articles/[id]/revise
 * page): the text through a new revision (./revise.ts, spans carried over or
 * flagged orphaned), the title as metadata, and an audit event.
 */
import { z } from "zod";
import { audit, type AuditActor } from "../audit/log";
import type { Db } from "../db";
import { notFound } from "../errors";
import { reviseArticle, type ReviseResult } from "./revise";

export const articleEditSchema = z.object({
  id: z.uuid("Unknown article."),
  /** The revision the editor saw; a newer one makes the edit a CONFLICT. Omitted: no check. */
  expectedRevision: z.int().min(1).optional(),
  /** Omitted: the title stays; blank: the article becomes untitled. */
  title: z
    .string()
    .trim()
    .max(2000, "must be at most 2000 characters")
    .transform((t) => (t === "" ? null : t))
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
  const before = await db.article.findUnique({ where: { id: edit.id }, select: { title: true, revision: true } });
  if (!before) throw notFound("The article");
  // The revision check (expectedRevision) runs first: a stale form changes nothing.
  const revised = await reviseArticle(db, edit.id, edit.text, {
    actor: { id: actor.id },
    note: edit.note,
    expectedRevision: edit.expectedRevision,
  });
  const titleChanged = edit.title !== undefined && before.title !== edit.title;
  if (titleChanged) await db.article.update({ where: { id: edit.id }, data: { title: edit.title } });
  if (revised.changed || titleChanged) {
    await audit(db, {
      action: "article.revised",
      actor,
      target: { type: "article", id: edit.id },
      before: { revision: before.revision, ...(titleChanged ? { title: before.title } : {}) },
      after: { revision: revised.revision, ...(titleChanged ? { title: edit.title } : {}) },
      detail: revised.changed
        ? { carried: revised.spans.context + revised.spans.nearest, orphaned: revised.spans.orphaned.length }
        : null,
    });
  }
  return { ...revised, titleChanged };
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
