/**
 * Which annotation layers a user sees and writes on an article — the one rule
 * every span read (API, pages, exports, the live feed) goes through:
 *
 * - Under an INDEPENDENT assignment of the article, the annotator sees and
 *   writes only their own layer (ANNOTATOR, owned by them): nobody else's
 *   spans, not even the shared layer's.
 * - Everyone else, and everyone on articles without such an assignment, sees
 *   and writes the SHARED working layer, as before layers existed.
 *
 * Other annotators' layers and the CURATED layer are read only where asked
 * for explicitly (agreement, adjudication, exports of a chosen layer), by
 * those the permission table allows.
 */
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { AssignmentMode, SpanLayer } from "../generated/prisma/enums";

export type LayerRef = { layer: "SHARED" } | { layer: "CURATED" } | { layer: "ANNOTATOR"; ownerId: string };

export interface LayerView {
  /** The layers whose spans the user sees on the article. */
  read: LayerRef[];
  /** The layer the user's new spans go to. */
  write: LayerRef;
  /** Whether the user annotates this article independently. */
  independent: boolean;
}

export interface Viewer {
  id: string;
}

/** The layers of one article for a user, given their assignment of it (if any). */
export function layerView(viewer: Viewer | null, assignment: { mode: AssignmentMode } | null): LayerView {
  if (viewer && assignment?.mode === "INDEPENDENT") {
    const own: LayerRef = { layer: "ANNOTATOR", ownerId: viewer.id };
    return { read: [own], write: own, independent: true };
  }
  return { read: [{ layer: "SHARED" }], write: { layer: "SHARED" }, independent: false };
}

/** The layers `viewer` sees and writes on article `articleId` (the live feed filters with this). */
export async function visibleLayers(db: Db, viewer: Viewer | null, articleId: string): Promise<LayerView> {
  const assignment = viewer
    ? await db.assignment.findUnique({
        where: { articleId_userId: { articleId, userId: viewer.id } },
        select: { mode: true },
      })
    : null;
  return layerView(viewer, assignment);
}

/**
 * Who annotates each of `articleIds` independently, in one query: with
 * layerView, every reader's layers on those articles (the live feed decides
 * for all its streams from this, instead of asking per reader).
 */
export async function independentAnnotators(db: Db, articleIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map(articleIds.map((id) => [id, new Set<string>()]));
  if (!articleIds.length) return out;
  const rows = await db.assignment.findMany({
    where: { articleId: { in: [...articleIds] }, mode: "INDEPENDENT" },
    select: { articleId: true, userId: true },
  });
  for (const r of rows) out.get(r.articleId)?.add(r.userId);
  return out;
}

/** Whether a span in `layer` (owned by `ownerId`) is among `refs`. */
export function inLayers(refs: readonly LayerRef[], layer: SpanLayer | string, ownerId: string | null): boolean {
  return refs.some((r) => r.layer === layer && (r.layer !== "ANNOTATOR" || r.ownerId === ownerId));
}

/** Prisma filter: the spans `viewer` sees, on any number of articles at once. */
export function visibleSpanWhere(viewer: Viewer | null): Prisma.SpanWhereInput {
  if (!viewer) return { layer: "SHARED" };
  const independent = { userId: viewer.id, mode: "INDEPENDENT" as const };
  return {
    OR: [
      { layer: "SHARED", article: { assignments: { none: independent } } },
      { layer: "ANNOTATOR", layerOwnerId: viewer.id, article: { assignments: { some: independent } } },
    ],
  };
}

/** SQL condition: the spans (table alias `alias`) `viewer` sees, on any number of articles at once. */
export function visibleSpanSql(viewer: Viewer | null, alias = "s"): Prisma.Sql {
  const s = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  if (!viewer) return Prisma.sql`${s}.layer = 'SHARED'`;
  const independent = Prisma.sql`EXISTS (SELECT 1 FROM "Assignment" asg
    WHERE asg."articleId" = ${s}."articleId" AND asg."userId" = ${viewer.id}::uuid AND asg.mode = 'INDEPENDENT')`;
  return Prisma.sql`(CASE WHEN ${independent}
    THEN ${s}.layer = 'ANNOTATOR' AND ${s}."layerOwnerId" = ${viewer.id}::uuid
    ELSE ${s}.layer = 'SHARED' END)`;
}
