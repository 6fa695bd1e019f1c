/**
 * A pane's spans in one query: the annotation API's SpanDTO (not deleted, in
 * text order, as GET /api/articles/{id}/spans gives them), with the authors'
 * names joined in SQL. Reading thousands of spans through the ORM with its
 * relation includes took several times longer.
 */
import type { Db } from "../db";
import { spanDTO, type SpanDTO, type SpanRow } from "../annotation/dto";
import { visibleSpanSql, type LayerRef, type Viewer } from "../authz/layers";
import { Prisma } from "../generated/prisma/client";

type Joined = SpanRow & {
  createdById: string | null;
  createdByName: string | null;
  updatedById: string | null;
  updatedByName: string | null;
};

/** The spans of the layers `viewer` sees (lib/authz/layers.ts). */
export function readerSpans(db: Db, articleId: string, viewer: Viewer | null): Promise<SpanDTO[]> {
  return spansWhere(db, articleId, visibleSpanSql(viewer, "s"));
}

/** The spans of one layer, asked for explicitly (curation: each annotator's, and the curated one). */
export function layerSpans(db: Db, articleId: string, layer: LayerRef): Promise<SpanDTO[]> {
  const condition =
    layer.layer === "ANNOTATOR"
      ? Prisma.sql`s.layer = 'ANNOTATOR' AND s."layerOwnerId" = ${layer.ownerId}::uuid`
      : Prisma.sql`s.layer = ${layer.layer}::"SpanLayer"`;
  return spansWhere(db, articleId, condition);
}

async function spansWhere(db: Db, articleId: string, condition: Prisma.Sql): Promise<SpanDTO[]> {
  const rows = await db.$queryRaw<Joined[]>`
    SELECT s.id, s."articleId", s.revision, s.start, s."end", s.quote, s.prefix, s.suffix,
           s.kind::text AS kind, s."labelId", s."entityId", s."claimId",
           s."reviewStatus"::text AS "reviewStatus", s.orphaned, s.source::text AS source, s.version,
           s."deletedAt", s."createdAt", s."updatedAt",
           s."createdById", cb.name AS "createdByName", s."updatedById", ub.name AS "updatedByName"
    FROM "Span" s
    LEFT JOIN "User" cb ON cb.id = s."createdById"
    LEFT JOIN "User" ub ON ub.id = s."updatedById"
    WHERE s."articleId" = ${articleId}::uuid AND s."deletedAt" IS NULL AND ${condition}
    ORDER BY s.start ASC, s."end" DESC, s.id ASC`;
  return rows.map((r) =>
    spanDTO(
      r,
      r.createdById ? { id: r.createdById, name: r.createdByName ?? "" } : null,
      r.updatedById ? { id: r.updatedById, name: r.updatedByName ?? "" } : null,
    ),
  );
}
