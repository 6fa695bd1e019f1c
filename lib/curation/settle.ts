/**
 * Settling one unit of a curation (lib/curation/units.ts): the curator takes
 * one annotator's version (or several of their spans), takes a version with
 * a change (another label, other offsets), or rejects every version. The
 * curated spans already in the unit's range are replaced; the annotators'
 * spans are marked APPROVED when taken as they are and REJECTED otherwise,
 * which is how each annotator sees where the curator changed their work.
 */
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { SpanValidator } from "../spans/validate";
import { quoteAt } from "../text/quote";
import { copyToCurated, SPAN_FIELDS } from "./accept";

export type Decision =
  { take: string[] } | { reject: true } | { edit: { spanId: string; labelId: string; start?: number; end?: number } };

export interface SettleResult {
  /** The curated spans the unit now has. */
  curated: string[];
  /** Curated spans the decision replaced. */
  replaced: number;
}

/** Settles the unit made of the annotators' spans `unitSpanIds` on article `articleId`. */
export async function settleUnit(
  db: Db,
  curator: { id: string },
  articleId: string,
  unitSpanIds: readonly string[],
  decision: Decision,
): Promise<SettleResult> {
  if (!unitSpanIds.length) throw new AppError("INVALID_INPUT", "Name the spans of the unit.", 400);
  return db.$transaction(async (tx) => {
    const spans = await tx.span.findMany({
      where: { id: { in: [...unitSpanIds] }, articleId, layer: "ANNOTATOR", deletedAt: null },
      select: SPAN_FIELDS,
    });
    if (spans.length !== new Set(unitSpanIds).size) {
      throw new AppError("CONFLICT", "The annotators' spans here changed: reload to see them.", 409);
    }
    const start = Math.min(...spans.map((s) => s.start));
    const end = Math.max(...spans.map((s) => s.end));
    const replaced = await removeCurated(tx, curator.id, articleId, start, end);
    const curated: string[] = [];
    let approved: string[] = [];
    if ("take" in decision) {
      for (const id of decision.take) {
        const span = spans.find((s) => s.id === id);
        if (!span) throw new AppError("INVALID_INPUT", "A span taken is not one of the unit's.", 400);
        curated.push(await copyToCurated(tx, curator.id, span));
      }
      approved = decision.take;
    } else if ("edit" in decision) {
      const base = spans.find((s) => s.id === decision.edit.spanId);
      if (!base) throw new AppError("INVALID_INPUT", "The span edited is not one of the unit's.", 400);
      const label = await tx.label.findUnique({
        where: { id: decision.edit.labelId },
        select: { id: true, kind: true },
      });
      if (!label) throw notFound("The label");
      const changes: Parameters<typeof copyToCurated>[3] = { labelId: label.id, kind: label.kind };
      if (label.kind !== base.kind) Object.assign(changes, { entityId: null, claimId: null });
      const from = decision.edit.start ?? base.start;
      const to = decision.edit.end ?? base.end;
      if (from !== base.start || to !== base.end) {
        const article = await tx.article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } });
        const validator = new SpanValidator(article.text);
        const problem = validator.check(from, to);
        if (problem) throw new AppError("INVALID_SPAN", `The span cannot go there: ${problem.message}.`, 400);
        const q = quoteAt(validator.index, from, to);
        Object.assign(changes, { start: from, end: to, quote: q.quote, prefix: q.prefix, suffix: q.suffix });
      }
      curated.push(await copyToCurated(tx, curator.id, base, changes));
    }
    await tx.span.updateMany({ where: { id: { in: approved } }, data: { reviewStatus: "APPROVED" } });
    await tx.span.updateMany({
      where: { id: { in: spans.map((s) => s.id).filter((id) => !approved.includes(id)) } },
      data: { reviewStatus: "REJECTED" },
    });
    return { curated, replaced };
  });
}

/** Deletes (softly, with history) the curated spans overlapping [start, end). */
async function removeCurated(
  tx: Prisma.TransactionClient,
  curatorId: string,
  articleId: string,
  start: number,
  end: number,
): Promise<number> {
  const old = await tx.span.findMany({
    where: { articleId, layer: "CURATED", deletedAt: null, start: { lt: end }, end: { gt: start } },
    select: { id: true, version: true },
  });
  const now = new Date();
  for (const s of old) {
    await tx.span.update({
      where: { id: s.id },
      data: { deletedAt: now, version: s.version + 1, updatedById: curatorId },
    });
    await tx.spanRevision.create({
      data: {
        spanId: s.id,
        version: s.version + 1,
        action: "DELETE",
        actorId: curatorId,
        after: { deletedAt: now.toISOString() },
      },
    });
  }
  return old.length;
}
