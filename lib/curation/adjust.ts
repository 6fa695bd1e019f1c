/**
 * The curator moves the boundaries of a span already in the curated layer
 * (one character at a time from the keyboard, or to given offsets). The write
 * is guarded like every span write: it applies only to the version the curator
 * saw and to the text revision it was placed on, and its client mutation id
 * makes a retry harmless. Provenance stays: whoever proposed the span still
 * did; the curator who moved it accepted it; and as it is no longer any
 * annotator's span as they had it, it no longer names a source (shown as
 * edited). The annotators' spans follow, as when a place is settled: those the
 * old boundaries took are no longer taken, those the new ones match are.
 */
import type { SpanSnapshot } from "../annotation/dto";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { SpanValidator } from "../spans/validate";
import { quoteAt } from "../text/quote";
import { SPAN_FIELDS } from "./accept";

export interface Adjustment {
  spanId: string;
  start: number;
  end: number;
  /** The span's version the curator saw. */
  baseVersion: number;
  /** Client-generated: the same adjustment sent twice is applied once. */
  mutationId: string;
}

export interface AdjustResult {
  id: string;
  start: number;
  end: number;
  quote: string;
  version: number;
  /** False when this mutation id had been applied before (a retry). */
  applied: boolean;
}

export async function adjustCurated(db: Db, curator: { id: string }, input: Adjustment): Promise<AdjustResult> {
  return db.$transaction(async (tx) => {
    const done = await tx.spanRevision.findUnique({
      where: { mutationId: input.mutationId },
      select: { spanId: true, actorId: true },
    });
    const span = await tx.span.findFirst({
      where: { id: input.spanId, layer: "CURATED", deletedAt: null },
      select: { ...SPAN_FIELDS, reviewStatus: true, version: true },
    });
    if (!span) throw notFound("The curated span");
    if (done) {
      if (done.spanId !== span.id || done.actorId !== curator.id) {
        throw new AppError("CONFLICT", "This mutation id was used for another change.", 409);
      }
      const { id, start, end, quote, version } = span;
      return { id, start, end, quote, version, applied: false };
    }
    // FOR SHARE: a text edit cannot move the article to another revision under this write.
    const [article] = await tx.$queryRaw<{ text: string; revision: number }[]>`
      SELECT text, revision FROM "Article" WHERE id = ${span.articleId}::uuid FOR SHARE`;
    if (!article || article.revision !== span.revision) {
      throw new AppError("CONFLICT", "The text of this version changed: reload to curate it again.", 409);
    }
    const validator = new SpanValidator(article.text);
    const problem = validator.check(input.start, input.end);
    if (problem) throw new AppError("INVALID_SPAN", `The span cannot go there: ${problem.message}.`, 400);
    const q = quoteAt(validator.index, input.start, input.end);
    const updated = await tx.span.updateMany({
      where: { id: span.id, version: input.baseVersion, deletedAt: null },
      data: {
        start: input.start,
        end: input.end,
        quote: q.quote,
        prefix: q.prefix,
        suffix: q.suffix,
        version: { increment: 1 },
        sourceSpanId: null,
        acceptedById: curator.id,
        updatedById: curator.id,
      },
    });
    if (updated.count === 0) {
      throw new AppError("CONFLICT", "Someone changed this curated span meanwhile: reload to see it.", 409);
    }
    const state = (s: { start: number; end: number; quote: string }): SpanSnapshot => ({
      revision: span.revision,
      start: s.start,
      end: s.end,
      quote: s.quote,
      kind: span.kind,
      labelId: span.labelId,
      entityId: span.entityId,
      claimId: span.claimId,
      reviewStatus: span.reviewStatus,
      deleted: false,
    });
    await tx.spanRevision.create({
      data: {
        spanId: span.id,
        version: input.baseVersion + 1,
        action: "UPDATE",
        mutationId: input.mutationId,
        actorId: curator.id,
        before: state(span),
        after: state({ start: input.start, end: input.end, quote: q.quote }),
      },
    });
    // The annotators' spans of this place: taken as they were marked only if they match the new boundaries.
    const same = (start: number, end: number) => ({
      articleId: span.articleId,
      layer: "ANNOTATOR" as const,
      deletedAt: null,
      start,
      end,
      kind: span.kind,
      labelId: span.labelId,
    });
    await tx.span.updateMany({
      where: { ...same(span.start, span.end), reviewStatus: "APPROVED" },
      data: { reviewStatus: "REJECTED" },
    });
    await tx.span.updateMany({ where: same(input.start, input.end), data: { reviewStatus: "APPROVED" } });
    return {
      id: span.id,
      start: input.start,
      end: input.end,
      quote: q.quote,
      version: input.baseVersion + 1,
      applied: true,
    };
  });
}
