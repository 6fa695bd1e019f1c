/**
 * Article revisions. Once an article exists its text changes only through a
 * new revision: the text is normalized, an ArticleRevision row is added, and
 * every span is carried over by its quote and context (./anchor.ts). A span
 * that cannot be placed is kept with its old offsets and revision and
 * flagged `orphaned` for review — never dropped. Each carried span gets a
 * SpanRevision history entry.
 *
 * `planRevision` is pure (so an import can plan many articles before one
 * transaction), `applyRevision` writes a plan inside a transaction, and
 * `reviseArticle` does both for one article.
 */
import type { Db, Prisma, Tx } from "../db";
import { bulkInsert, utc } from "../sql/bulk-insert";
import { ImportError } from "../import/errors";
import { bodyProblem } from "../import/limits";
import { OffsetIndex, codePointLength } from "../text/code-points";
import { contentHash } from "../text/hash";
import { normalizeArticleText } from "../text/normalize";
import { quoteAt } from "../text/quote";
import { anchorSpans, type AnchorSpan } from "./anchor";

export type { Tx } from "../db";

/** What re-anchoring needs to know of a span: where it is (AnchorSpan) and what its carrying changes. */
export interface SpanState extends AnchorSpan {
  revision: number;
  orphaned: boolean;
  version: number;
}

export interface SpanCarry {
  id: string;
  method: "context" | "nearest" | "orphaned";
  before: Pick<SpanState, "start" | "end" | "revision" | "orphaned" | "prefix" | "suffix" | "version">;
  after: Pick<SpanState, "start" | "end" | "revision" | "orphaned" | "prefix" | "suffix" | "version">;
}

export interface RevisionPlan {
  articleId: string;
  fromRevision: number;
  toRevision: number;
  oldText: string;
  oldContentHash: string;
  text: string;
  length: number;
  contentHash: string;
  spans: SpanCarry[];
}

export interface CurrentArticle {
  id: string;
  text: string;
  contentHash: string;
  revision: number;
}

/**
 * Plans the revision of `article` to `rawText` (normalized here). Returns
 * null when the normalized text is the current text.
 */
export function planRevision(
  article: CurrentArticle,
  spans: readonly SpanState[],
  rawText: string,
): RevisionPlan | null {
  const problem = bodyProblem(rawText);
  if (problem) throw new ImportError(problem.code, problem.message);
  const { text } = normalizeArticleText(rawText);
  if (text.trim() === "") throw new ImportError("EMPTY_TEXT", "text is empty");
  const hash = contentHash(text);
  if (hash === article.contentHash && text === article.text) return null;
  return planRevisionOfNormalized(article, spans, text, hash);
}

/** planRevision for text already normalized (the import normalizes once). */
export function planRevisionOfNormalized(
  article: CurrentArticle,
  spans: readonly SpanState[],
  text: string,
  hash = contentHash(text),
): RevisionPlan {
  const toRevision = article.revision + 1;
  const placements = anchorSpans(article.text, text, spans);
  const index = new OffsetIndex(text);
  const carried: SpanCarry[] = spans.map((span) => {
    const placement = placements.get(span.id)!;
    const before = {
      start: span.start,
      end: span.end,
      revision: span.revision,
      orphaned: span.orphaned,
      prefix: span.prefix,
      suffix: span.suffix,
      version: span.version,
    };
    if (placement.method === "orphaned") {
      return {
        id: span.id,
        method: "orphaned",
        before,
        after: { ...before, orphaned: true, version: span.version + 1 },
      };
    }
    const { prefix, suffix } = quoteAt(index, placement.start, placement.end);
    return {
      id: span.id,
      method: placement.method,
      before,
      after: {
        start: placement.start,
        end: placement.end,
        revision: toRevision,
        orphaned: false,
        prefix,
        suffix,
        version: span.version + 1,
      },
    };
  });
  return {
    articleId: article.id,
    fromRevision: article.revision,
    toRevision,
    oldText: article.text,
    oldContentHash: article.contentHash,
    text,
    length: codePointLength(text),
    contentHash: hash,
    spans: carried,
  };
}

export interface RevisionActor {
  /** User id, or null for system work (a CLI import). */
  id: string | null;
}

/**
 * Writes a plan: fails with CONFLICT (and the transaction rolls back) when the
 * article or one of its spans changed since the plan was made.
 */
export async function applyRevision(
  tx: Tx,
  plan: RevisionPlan,
  { actor, note, at = new Date() }: { actor: RevisionActor; note?: string | null; at?: Date },
): Promise<void> {
  const { count } = await tx.article.updateMany({
    where: { id: plan.articleId, revision: plan.fromRevision, contentHash: plan.oldContentHash },
    data: { text: plan.text, length: plan.length, contentHash: plan.contentHash, revision: plan.toRevision },
  });
  if (count !== 1) {
    throw new ImportError("CONFLICT", "the article changed while its new revision was prepared; try again");
  }
  // Articles created before revisions were recorded get their old text kept first.
  await tx.articleRevision.createMany({
    data: [
      { articleId: plan.articleId, revision: plan.fromRevision, text: plan.oldText, contentHash: plan.oldContentHash },
    ],
    skipDuplicates: true,
  });
  await tx.articleRevision.create({
    data: {
      articleId: plan.articleId,
      revision: plan.toRevision,
      text: plan.text,
      contentHash: plan.contentHash,
      createdById: actor.id,
      note: note ?? null,
      createdAt: at,
    },
  });
  if (plan.spans.length === 0) return;

  // One statement for all spans; the version check makes a concurrent edit of
  // any span fail the whole revision instead of being overwritten.
  const s = plan.spans;
  const updated = await tx.$executeRaw`
    UPDATE "Span" AS s SET
      "start" = v.start, "end" = v."end", "revision" = v.revision, "orphaned" = v.orphaned,
      "prefix" = v.prefix, "suffix" = v.suffix, "version" = v.version + 1,
      "updatedById" = ${actor.id}::uuid, "updatedAt" = ${utc(at)}::timestamp(3)
    FROM unnest(
      ${s.map((c) => c.id)}::uuid[], ${s.map((c) => c.after.start)}::int[], ${s.map((c) => c.after.end)}::int[],
      ${s.map((c) => c.after.revision)}::int[], ${s.map((c) => c.after.orphaned)}::boolean[],
      ${s.map((c) => c.after.prefix)}::text[], ${s.map((c) => c.after.suffix)}::text[],
      ${s.map((c) => c.before.version)}::int[]
    ) AS v(id, start, "end", revision, orphaned, prefix, suffix, version)
    WHERE s.id = v.id AND s."articleId" = ${plan.articleId}::uuid AND s.version = v.version`;
  if (updated !== s.length) {
    throw new ImportError("CONFLICT", "a span of the article changed while its new revision was prepared; try again");
  }
  await bulkInsert(tx, "SpanRevision", [
    { name: "spanId", type: "uuid", values: s.map((c) => c.id) },
    { name: "version", type: "int", values: s.map((c) => c.after.version) },
    { name: "action", type: '"SpanAction"', values: s.map(() => "UPDATE") },
    { name: "mutationId", type: "text", values: s.map((c) => `revision:${plan.articleId}:${plan.toRevision}:${c.id}`) },
    { name: "actorId", type: "uuid", values: s.map(() => actor.id) },
    { name: "at", type: "timestamp(3)", values: s.map(() => utc(at)) },
    { name: "before", type: "jsonb", values: s.map((c) => JSON.stringify(c.before)) },
    { name: "after", type: "jsonb", values: s.map((c) => JSON.stringify({ ...c.after, method: c.method })) },
  ]);
}

export interface ReviseResult {
  articleId: string;
  /** False when the new text equals the current one (after normalization): nothing was written. */
  changed: boolean;
  revision: number;
  spans: { context: number; nearest: number; orphaned: { id: string; quote: string }[] };
}

/**
 * Replaces an article's text with a new revision, carrying its spans over.
 * `expectedRevision` (what the editor saw) turns a lost update into CONFLICT.
 */
export async function reviseArticle(
  db: Db,
  articleId: string,
  newText: string,
  options: ReviseOptions = { actor: { id: null } },
): Promise<ReviseResult> {
  return db.$transaction((tx) => reviseArticleIn(tx, articleId, newText, options), REVISE_TRANSACTION);
}

export interface ReviseOptions {
  actor: RevisionActor;
  note?: string | null;
  expectedRevision?: number;
}

/** Transaction options for a revision: long texts with many spans take a while to re-anchor. */
export const REVISE_TRANSACTION = { timeout: 60_000, maxWait: 10_000 } as const;

/** reviseArticle inside the caller's transaction (which may write more, e.g. the title and an audit event). */
export async function reviseArticleIn(
  tx: Tx,
  articleId: string,
  newText: string,
  { actor, note, expectedRevision }: ReviseOptions,
): Promise<ReviseResult> {
  const article = await tx.article.findUnique({
    where: { id: articleId },
    select: { id: true, text: true, contentHash: true, revision: true },
  });
  if (!article) throw new ImportError("NOT_FOUND", "the article was not found");
  if (expectedRevision !== undefined && expectedRevision !== article.revision) {
    throw new ImportError(
      "CONFLICT",
      `the article is at revision ${article.revision}, not ${expectedRevision}: someone changed it meanwhile`,
    );
  }
  const spans = await tx.span.findMany({ where: { articleId }, select: spanStateSelect });
  const plan = planRevision(article, spans, newText);
  if (!plan) return { articleId, changed: false, revision: article.revision, spans: summarize([]) };
  await applyRevision(tx, plan, { actor, note });
  return { articleId, changed: true, revision: plan.toRevision, spans: summarize(plan.spans, spans) };
}

export const spanStateSelect = {
  id: true,
  start: true,
  end: true,
  quote: true,
  prefix: true,
  suffix: true,
  revision: true,
  orphaned: true,
  version: true,
} as const satisfies Prisma.SpanSelect;

export function summarize(carried: readonly SpanCarry[], spans: readonly SpanState[] = []): ReviseResult["spans"] {
  const quotes = new Map(spans.map((s) => [s.id, s.quote]));
  return {
    context: carried.filter((c) => c.method === "context").length,
    nearest: carried.filter((c) => c.method === "nearest").length,
    orphaned: carried.filter((c) => c.method === "orphaned").map((c) => ({ id: c.id, quote: quotes.get(c.id) ?? "" })),
  };
}
