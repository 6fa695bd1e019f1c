/**
 * The agreement report frozen with a dataset snapshot, so whoever cites the
 * dataset can also cite how reliable its annotation was. Its scope is the
 * language versions the snapshot's filter selects (stories, languages,
 * outlets, publication dates) that someone annotated independently; the span
 * criteria of the filter (labels, kinds, review status…) choose what is
 * exported, not whose work is compared, so they do not narrow it.
 *
 * The file is JSON: the dataset it belongs to, the filter, and the report as
 * GET /api/agreement gives it.
 */
import type { Db } from "../db";
import { AppError } from "../errors";
import type { ExportFilter } from "../export/filter";
import { articleConditions, Params, prismaQuery, resolveSelection } from "../export/selection";
import { assertMayReadAgreement, loadAgreementReport, type ScopedReport } from "./load";

export const NO_INDEPENDENT_WORK =
  "No language version in this selection was annotated independently: there is no agreement to report.";

/** Ids of the selected articles with independent work (an independent assignment or an annotator's own spans). */
export async function agreementArticles(db: Db, filter: ExportFilter): Promise<string[]> {
  const query = prismaQuery(db);
  const selection = await resolveSelection(query, filter);
  const p = new Params();
  const where = articleConditions(selection, p);
  const rows = await query<{ id: string }>(
    `SELECT a.id::text AS id FROM "Article" a
     WHERE ${where.length ? `${where.join(" AND ")} AND ` : ""}(
       EXISTS (SELECT 1 FROM "Assignment" x WHERE x."articleId" = a.id AND x.mode = 'INDEPENDENT')
       OR EXISTS (SELECT 1 FROM "Span" s WHERE s."articleId" = a.id AND s.layer = 'ANNOTATOR' AND s."deletedAt" IS NULL))
     ORDER BY a.id`,
    p.values,
  );
  return rows.map((r) => r.id);
}

/**
 * Refuses, before any work is queued, an agreement report that cannot be
 * made (nothing annotated independently in the selection) or that the user
 * may not read (their role, or their own unfinished independent work in it).
 */
export async function assertAgreementAvailable(
  db: Db,
  filter: ExportFilter,
  actor: { id: string } | null,
  { readsAgreement = true }: { readsAgreement?: boolean } = {},
): Promise<string[]> {
  if (!readsAgreement) {
    throw new AppError("FORBIDDEN", "Your role does not allow reading the agreement between annotators.", 403);
  }
  const articleIds = await agreementArticles(db, filter);
  if (!articleIds.length) throw new AppError("NO_INDEPENDENT_WORK", NO_INDEPENDENT_WORK, 400);
  if (actor) await assertMayReadAgreement(db, actor.id, { articleIds });
  return articleIds;
}

export interface SnapshotAgreement {
  dataset: { id: string; name: string };
  filter: ExportFilter;
  report: ScopedReport;
}

/** The agreement file's bytes for a snapshot being frozen. */
export async function snapshotAgreementFile(
  db: Db,
  dataset: { id: string; name: string },
  filter: ExportFilter,
  actor: { id: string } | null,
): Promise<Buffer> {
  const articleIds = await assertAgreementAvailable(db, filter, actor);
  const body: SnapshotAgreement = { dataset, filter, report: await loadAgreementReport(db, { articleIds }) };
  return Buffer.from(`${JSON.stringify(body, null, 2)}\n`, "utf8");
}

/**
 * Whether `userId` may download the agreement report frozen with a snapshot:
 * not while they annotate any of its versions independently (the same rule
 * as the live report).
 */
export async function assertMayReadFrozenAgreement(db: Db, userId: string, filter: ExportFilter): Promise<void> {
  const articleIds = await agreementArticles(db, filter);
  if (articleIds.length) await assertMayReadAgreement(db, userId, { articleIds });
}
