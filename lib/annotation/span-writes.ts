/**
 * The two statements every span write comes down to. Each is a single SQL
 * statement (writable CTEs), so it is atomic without a BEGIN/COMMIT round
 * trip, and it does in one go what would otherwise take four or five queries:
 *
 *   - share-lock the article row at the revision the offsets were checked
 *     against (a concurrent text revision waits, or we see it moved);
 *   - share-lock the linked entity while it still has the label the span
 *     takes from it (a concurrent relabel waits, or we see it moved), so a
 *     span and its entity never disagree;
 *   - write the span (insert, or update guarded by its version);
 *   - append its SpanRevision, whose unique mutationId makes a duplicate of
 *     this very mutation fail the whole statement;
 *   - for an accepted suggestion, record the quote as an alias.
 *
 * They return null when a guard did not hold (the article was revised, the
 * entity relabelled, or the span is no longer at the expected version/state);
 * a duplicate id or
 * mutationId raises a unique violation (see isUniqueViolation).
 * The rules themselves live in spans.ts; this file only writes.
 */
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { metrics } from "../observability/metrics";
import type { NewSpan, SpanCore, SpanReviewStatus, SpanRow, SpanSnapshot } from "./dto";

export type { NewSpan };

// Columns as SpanRow wants them (uuids and enums as text).
const RETURNED = Prisma.sql`
  s.id::text AS id, s."articleId"::text AS "articleId", s.revision, s.start, s."end", s.quote, s.prefix, s.suffix,
  s.kind::text AS kind, s."labelId"::text AS "labelId", s."entityId"::text AS "entityId", s."claimId"::text AS "claimId",
  s."reviewStatus"::text AS "reviewStatus", s.orphaned, s.source::text AS source, s.version,
  s."deletedAt", s."createdAt", s."updatedAt"`;

// Prisma stores DateTime as UTC in timestamp columns; write "now" the same way.
const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/**
 * True while the span's entity (if any) still carries the span's label, with
 * the entity row share-locked until the statement's transaction ends: a
 * relabel (which updates the entity row first) either waits for this write and
 * then carries the new span along, or has already committed and this check
 * fails.
 */
function entityAgrees(entityId: string | null, labelId: string | null): Prisma.Sql {
  if (!entityId) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Entity"
    WHERE id = ${entityId}::uuid AND "labelId" IS NOT DISTINCT FROM ${labelId}::uuid
    FOR SHARE)`;
}

export async function insertSpan(
  db: Db,
  span: NewSpan,
  history: { mutationId: string; actorId: string; after: SpanSnapshot },
  alias: { entityId: string; language: string; alias: string } | null,
): Promise<SpanRow | null> {
  const aliasInsert = alias
    ? Prisma.sql`, alias AS (
        INSERT INTO "EntityAlias" (id, "entityId", language, alias)
        SELECT gen_random_uuid(), ${alias.entityId}::uuid, ${alias.language}, ${alias.alias} FROM s
        ON CONFLICT ("entityId", language, alias) DO NOTHING)`
    : Prisma.empty;
  const rows = await db.$queryRaw<SpanRow[]>`
    WITH art AS (
      SELECT id FROM "Article" WHERE id = ${span.articleId}::uuid AND revision = ${span.revision} FOR SHARE
    ), ent AS (
      SELECT 1 WHERE ${entityAgrees(span.entityId, span.labelId)}
    ), s AS (
      INSERT INTO "Span" (id, "articleId", revision, start, "end", quote, prefix, suffix, kind, "labelId", "entityId",
                          "claimId", source, "createdById", "updatedById", "updatedAt", layer, "layerOwnerId")
      SELECT ${span.id}::uuid, art.id, ${span.revision}, ${span.start}, ${span.end}, ${span.quote}, ${span.prefix},
             ${span.suffix}, ${span.kind}::"SpanKind", ${span.labelId}::uuid, ${span.entityId}::uuid,
             ${span.claimId}::uuid, ${span.source}::"SpanSource", ${history.actorId}::uuid, ${history.actorId}::uuid,
             ${NOW_UTC}, ${span.layer ?? "SHARED"}::"SpanLayer", ${span.layerOwnerId ?? null}::uuid
      FROM art, ent
      RETURNING *
    ), rev AS (
      INSERT INTO "SpanRevision" ("spanId", version, action, "mutationId", "actorId", after)
      SELECT s.id, s.version, 'CREATE', ${history.mutationId}, ${history.actorId}::uuid, ${JSON.stringify(history.after)}::jsonb
      FROM s
    )${aliasInsert}
    SELECT ${RETURNED} FROM s`;
  if (rows[0]) metrics().spanWrites.inc({ action: "create" });
  return rows[0] ?? null;
}

/**
 * Every stored field of a span that a mutation may change: the span's own
 * columns (from SpanCore, so a new one is not missed here) but its identity
 * and source, plus its review state and deletion.
 */
export type SpanState = Omit<SpanCore, "id" | "articleId" | "source"> & {
  reviewStatus: SpanReviewStatus;
  orphaned: boolean;
  deleted: boolean;
};

export async function updateSpan(
  db: Db,
  target: {
    id: string;
    baseVersion: number;
    /** Whether the span must currently be deleted (restore) or not (update, delete). */
    deletedNow: boolean;
    /** When offsets change: the article revision they were checked against. */
    articleRevision: { articleId: string; revision: number } | null;
    /** When the span's entity or label changes: check that the entity carries the new label. */
    checkEntity: boolean;
  },
  next: SpanState,
  history: {
    mutationId: string;
    actorId: string;
    action: "UPDATE" | "DELETE" | "RESTORE";
    before: SpanSnapshot;
    after: SpanSnapshot;
  },
): Promise<SpanRow | null> {
  const guard = target.articleRevision
    ? Prisma.sql`AND EXISTS (
        SELECT 1 FROM "Article"
        WHERE id = ${target.articleRevision.articleId}::uuid AND revision = ${target.articleRevision.revision}
        FOR SHARE)`
    : Prisma.empty;
  const rows = await db.$queryRaw<SpanRow[]>`
    WITH s AS (
      UPDATE "Span" SET
        revision = ${next.revision}, start = ${next.start}, "end" = ${next.end}, quote = ${next.quote},
        prefix = ${next.prefix}, suffix = ${next.suffix}, kind = ${next.kind}::"SpanKind",
        "labelId" = ${next.labelId}::uuid, "entityId" = ${next.entityId}::uuid, "claimId" = ${next.claimId}::uuid,
        "reviewStatus" = ${next.reviewStatus}::"SpanReviewStatus", orphaned = ${next.orphaned},
        "deletedAt" = ${next.deleted ? (target.deletedNow ? Prisma.sql`"deletedAt"` : NOW_UTC) : Prisma.sql`NULL`},
        version = version + 1, "updatedById" = ${history.actorId}::uuid, "updatedAt" = ${NOW_UTC}
      WHERE id = ${target.id}::uuid AND version = ${target.baseVersion}
        AND ("deletedAt" IS NOT NULL) = ${target.deletedNow} ${guard}
        AND ${target.checkEntity ? entityAgrees(next.entityId, next.labelId) : Prisma.sql`TRUE`}
      RETURNING *
    ), rev AS (
      INSERT INTO "SpanRevision" ("spanId", version, action, "mutationId", "actorId", before, after)
      SELECT s.id, s.version, ${history.action}::"SpanAction", ${history.mutationId}, ${history.actorId}::uuid,
             ${JSON.stringify(history.before)}::jsonb, ${JSON.stringify(history.after)}::jsonb
      FROM s
    )
    SELECT ${RETURNED} FROM s`;
  if (rows[0]) metrics().spanWrites.inc({ action: history.action.toLowerCase() });
  return rows[0] ?? null;
}

/** A unique index refused the write (Prisma reports it as P2002, or as P2010 for raw SQL with PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; meta?: { code?: unknown }; message?: unknown };
  if (e.code === "P2002" || e.code === "23505") return true;
  return e.code === "P2010" && (e.meta?.code === "23505" || /23505|unique constraint/i.test(String(e.message)));
}
