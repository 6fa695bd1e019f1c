/**
 * Curation: copying annotators' spans into the curated layer, keeping who
 * proposed each (the annotator whose span it was) and who accepted it (the
 * curator). "Accept agreed" takes, for each version, every span that all of its
 * independent annotators made identically (same offsets, label and link) in
 * one step; spans already curated are left as they are.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";

const SPAN_FIELDS = {
  id: true,
  articleId: true,
  revision: true,
  start: true,
  end: true,
  quote: true,
  prefix: true,
  suffix: true,
  kind: true,
  labelId: true,
  entityId: true,
  claimId: true,
  layerOwnerId: true,
  createdAt: true,
} as const;

export { SPAN_FIELDS };
export type SourceSpan = Prisma.SpanGetPayload<{ select: typeof SPAN_FIELDS }>;

const keyOf = (s: SourceSpan) => [s.start, s.end, s.kind, s.labelId, s.entityId, s.claimId].join("|");

/** Copies an annotator's span into the curated layer (`changes`: the curator's edit of it, which drops the source). */
export async function copyToCurated(
  tx: Prisma.TransactionClient,
  curatorId: string,
  s: SourceSpan,
  changes?: Partial<
    Pick<SourceSpan, "start" | "end" | "quote" | "prefix" | "suffix" | "kind" | "labelId" | "entityId" | "claimId">
  >,
) {
  const id = randomUUID();
  const data = {
    id,
    articleId: s.articleId,
    revision: s.revision,
    start: s.start,
    end: s.end,
    quote: s.quote,
    prefix: s.prefix,
    suffix: s.suffix,
    kind: s.kind,
    labelId: s.labelId,
    entityId: s.entityId,
    claimId: s.claimId,
    layer: "CURATED" as const,
    proposedById: s.layerOwnerId,
    acceptedById: curatorId,
    sourceSpanId: changes ? null : s.id,
    ...changes,
    createdById: curatorId,
    updatedById: curatorId,
    reviewStatus: "APPROVED" as const,
  };
  await tx.span.create({ data });
  await tx.spanRevision.create({
    data: { spanId: id, version: 1, action: "CREATE", actorId: curatorId, after: { ...data, layer: "CURATED" } },
  });
  return id;
}

/** Accepts every span all independent annotators of each article agree on. */
export async function acceptAgreed(
  db: Db,
  curator: { id: string },
  articleIds: readonly string[],
): Promise<{ accepted: number; alreadyCurated: number; articles: number }> {
  let accepted = 0;
  let alreadyCurated = 0;
  let articles = 0;
  for (const articleId of articleIds) {
    const annotators = (
      await db.assignment.findMany({ where: { articleId, mode: "INDEPENDENT" }, select: { userId: true } })
    ).map((a) => a.userId);
    if (annotators.length < 2) continue;
    articles++;
    const spans = await db.span.findMany({
      where: { articleId, deletedAt: null, layer: "ANNOTATOR", layerOwnerId: { in: annotators } },
      select: SPAN_FIELDS,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const curated = new Set(
      (await db.span.findMany({ where: { articleId, deletedAt: null, layer: "CURATED" }, select: SPAN_FIELDS })).map(
        keyOf,
      ),
    );
    const byKey = new Map<string, SourceSpan[]>();
    for (const s of spans) {
      const list = byKey.get(keyOf(s));
      if (list) list.push(s);
      else byKey.set(keyOf(s), [s]);
    }
    await db.$transaction(async (tx) => {
      for (const [key, list] of byKey) {
        const owners = new Set(list.map((s) => s.layerOwnerId));
        if (!annotators.every((a) => owners.has(a))) continue;
        if (curated.has(key)) {
          alreadyCurated++;
          continue;
        }
        // Proposed by whoever marked it first; every annotator's span of it was taken as it is.
        await copyToCurated(tx, curator.id, list[0]!);
        await tx.span.updateMany({
          where: { id: { in: list.map((s) => s.id) } },
          data: { reviewStatus: "APPROVED" },
        });
        curated.add(key);
        accepted++;
      }
    });
  }
  return { accepted, alreadyCurated, articles };
}

/** Accepts one annotator's version of a span into the curated layer. */
export async function acceptSpan(db: Db, curator: { id: string }, spanId: string): Promise<string> {
  const span = await db.span.findFirst({
    where: { id: spanId, deletedAt: null },
    select: { ...SPAN_FIELDS, layer: true },
  });
  if (!span) throw notFound("The span");
  if (span.layer !== "ANNOTATOR") throw new AppError("INVALID_INPUT", "Only an annotator's span can be accepted.", 400);
  return db.$transaction((tx) => copyToCurated(tx, curator.id, span));
}
