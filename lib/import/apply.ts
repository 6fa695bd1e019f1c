/**
 * The SQL step of an import batch: writes what a BatchPlan (plan.ts) holds,
 * inside the caller's transaction — new stories, entities, claims and
 * articles in bulk, revisions of changed texts, field updates, spans with
 * their first history entry, aliases — and touches the stories it changed.
 */
import { randomUUID } from "node:crypto";
import { applyRevision, type Tx } from "../revisions/revise";
import { bulkInsert, day, utc } from "../sql/bulk-insert";
import type { BatchPlan, ImportActor, SpanRow } from "./plan";

export async function applyBatch(tx: Tx, batch: BatchPlan, actor: ImportActor): Promise<void> {
  const now = utc(batch.now);
  if (batch.newStories.size) {
    const st = [...batch.newStories.values()];
    await bulkInsert(tx, "Story", [
      { name: "id", type: "uuid", values: st.map((x) => x.id) },
      { name: "key", type: "text", values: st.map((x) => x.key) },
      { name: "title", type: "text", values: st.map((x) => x.title) },
      { name: "createdAt", type: "timestamp(3)", values: st.map(() => now) },
      { name: "updatedAt", type: "timestamp(3)", values: st.map(() => now) },
    ]);
  }
  for (const [id, title] of batch.storyTitles) await tx.story.update({ where: { id }, data: { title } });
  if (batch.newEntities.size) {
    const en = [...batch.newEntities.values()];
    await bulkInsert(tx, "Entity", [
      { name: "id", type: "uuid", values: en.map((x) => x.id) },
      { name: "key", type: "text", values: en.map((x) => x.key) },
      { name: "name", type: "text", values: en.map((x) => x.name) },
      { name: "labelId", type: "uuid", values: en.map((x) => x.labelId) },
      { name: "wikidataQid", type: "text", values: en.map((x) => x.wikidataQid) },
      { name: "description", type: "text", values: en.map((x) => x.description) },
      { name: "createdAt", type: "timestamp(3)", values: en.map(() => now) },
      { name: "updatedAt", type: "timestamp(3)", values: en.map(() => now) },
    ]);
  }
  if (batch.newClaims.size) await tx.claim.createMany({ data: [...batch.newClaims.values()] });
  if (batch.articles.length) {
    const a = batch.articles;
    await bulkInsert(tx, "Article", [
      { name: "id", type: "uuid", values: a.map((x) => x.id) },
      { name: "storyId", type: "uuid", values: a.map((x) => x.storyId) },
      { name: "externalId", type: "text", values: a.map((x) => x.externalId) },
      { name: "language", type: "text", values: a.map((x) => x.language) },
      { name: "title", type: "text", values: a.map((x) => x.title) },
      { name: "outlet", type: "text", values: a.map((x) => x.outlet) },
      { name: "author", type: "text", values: a.map((x) => x.author) },
      { name: "url", type: "text", values: a.map((x) => x.url) },
      { name: "publishedAt", type: "date", values: a.map((x) => day(x.publishedAt)) },
      { name: "text", type: "text", values: a.map((x) => x.text) },
      { name: "length", type: "int", values: a.map((x) => x.length) },
      { name: "contentHash", type: "text", values: a.map((x) => x.contentHash) },
      { name: "revision", type: "int", values: a.map((x) => x.revision) },
      { name: "status", type: '"ArticleStatus"', values: a.map((x) => x.status) },
      { name: "createdAt", type: "timestamp(3)", values: a.map(() => now) },
      { name: "updatedAt", type: "timestamp(3)", values: a.map(() => now) },
    ]);
    await bulkInsert(tx, "ArticleRevision", [
      { name: "id", type: "uuid", values: a.map(() => randomUUID()) },
      { name: "articleId", type: "uuid", values: a.map((x) => x.id) },
      { name: "revision", type: "int", values: a.map((x) => x.revision) },
      { name: "text", type: "text", values: a.map((x) => x.text) },
      { name: "contentHash", type: "text", values: a.map((x) => x.contentHash) },
      { name: "createdAt", type: "timestamp(3)", values: a.map(() => now) },
      { name: "createdById", type: "uuid", values: a.map(() => actor.id) },
      { name: "note", type: "text", values: a.map((x) => `Imported (line ${x.line})`) },
    ]);
  }
  for (const { plan, line } of batch.revisions) {
    await applyRevision(tx, plan, { actor, note: `Import (line ${line})`, at: batch.now });
  }
  for (const { id, data } of batch.updates) await tx.article.update({ where: { id }, data });
  if (batch.spans.length) {
    const s = batch.spans;
    await bulkInsert(tx, "Span", [
      { name: "id", type: "uuid", values: s.map((x) => x.id) },
      { name: "articleId", type: "uuid", values: s.map((x) => x.articleId) },
      { name: "revision", type: "int", values: s.map((x) => x.revision) },
      { name: "start", type: "int", values: s.map((x) => x.start) },
      { name: "end", type: "int", values: s.map((x) => x.end) },
      { name: "quote", type: "text", values: s.map((x) => x.quote) },
      { name: "prefix", type: "text", values: s.map((x) => x.prefix) },
      { name: "suffix", type: "text", values: s.map((x) => x.suffix) },
      { name: "kind", type: '"SpanKind"', values: s.map((x) => x.kind) },
      { name: "labelId", type: "uuid", values: s.map((x) => x.labelId) },
      { name: "entityId", type: "uuid", values: s.map((x) => x.entityId) },
      { name: "claimId", type: "uuid", values: s.map((x) => x.claimId) },
      { name: "reviewStatus", type: '"SpanReviewStatus"', values: s.map((x) => x.reviewStatus) },
      { name: "orphaned", type: "boolean", values: s.map((x) => x.orphaned) },
      { name: "source", type: '"SpanSource"', values: s.map((x) => x.source) },
      { name: "version", type: "int", values: s.map((x) => x.version) },
      { name: "createdById", type: "uuid", values: s.map((x) => x.createdById) },
      { name: "updatedById", type: "uuid", values: s.map((x) => x.updatedById) },
      { name: "createdByEmail", type: "text", values: s.map((x) => x.createdByEmail) },
      { name: "updatedByEmail", type: "text", values: s.map((x) => x.updatedByEmail) },
      { name: "createdAt", type: "timestamp(3)", values: s.map((x) => utc(x.createdAt)) },
      { name: "updatedAt", type: "timestamp(3)", values: s.map((x) => utc(x.updatedAt)) },
      { name: "layer", type: '"SpanLayer"', values: s.map((x) => x.layer) },
      { name: "layerOwnerId", type: "uuid", values: s.map((x) => x.layerOwnerId) },
      { name: "proposedById", type: "uuid", values: s.map((x) => x.proposedById) },
      { name: "acceptedById", type: "uuid", values: s.map((x) => x.acceptedById) },
      { name: "sourceSpanId", type: "uuid", values: s.map((x) => x.sourceSpanId) },
    ]);
    // An annotator's layer is read under an independent assignment: spans imported into
    // one assign the version to its annotator (unless they already have an assignment).
    const owned = new Map<string, { articleId: string; userId: string }>();
    for (const x of s)
      if (x.layerOwnerId)
        owned.set(`${x.articleId}:${x.layerOwnerId}`, { articleId: x.articleId, userId: x.layerOwnerId });
    if (owned.size) {
      await tx.assignment.createMany({
        data: [...owned.values()].map((o) => ({ ...o, mode: "INDEPENDENT" as const, assignedById: actor.id })),
        skipDuplicates: true,
      });
    }
    await bulkInsert(tx, "SpanRevision", [
      { name: "spanId", type: "uuid", values: s.map((x) => x.id) },
      { name: "version", type: "int", values: s.map((x) => x.version) },
      { name: "action", type: '"SpanAction"', values: s.map(() => "CREATE") },
      { name: "mutationId", type: "text", values: s.map((x) => `import:${x.id}`) },
      { name: "actorId", type: "uuid", values: s.map(() => actor.id) },
      { name: "at", type: "timestamp(3)", values: s.map(() => now) },
      { name: "after", type: "jsonb", values: s.map((x) => JSON.stringify(snapshot(x))) },
    ]);
  }
  if (batch.aliases.length) {
    const al = batch.aliases;
    await bulkInsert(
      tx,
      "EntityAlias",
      [
        { name: "id", type: "uuid", values: al.map(() => randomUUID()) },
        { name: "entityId", type: "uuid", values: al.map((x) => x.entityId) },
        { name: "language", type: "text", values: al.map((x) => x.language) },
        { name: "alias", type: "text", values: al.map((x) => x.alias) },
      ],
      { ignoreConflicts: true },
    );
  }
  const touched = [...batch.touchedStories].filter((id) => ![...batch.newStories.values()].some((s) => s.id === id));
  if (touched.length) await tx.story.updateMany({ where: { id: { in: touched } }, data: { updatedAt: batch.now } });
}

/** A span as its first history entry records it. */
function snapshot(s: SpanRow) {
  return {
    articleId: s.articleId,
    revision: s.revision,
    start: s.start,
    end: s.end,
    quote: s.quote,
    kind: s.kind,
    labelId: s.labelId ?? null,
    entityId: s.entityId ?? null,
    claimId: s.claimId ?? null,
    reviewStatus: s.reviewStatus ?? "PENDING",
    orphaned: s.orphaned ?? false,
    source: s.source ?? "IMPORT",
    layer: s.layer,
    ...(s.layerOwnerId && { layerOwnerId: s.layerOwnerId }),
  };
}
