/**
 * What an export would contain, before running it: the counts a user checks
 * the filter against (and a progress bar's totals).
 */
import type { Db } from "../db";
import { parseExportFilter, type ExportFilter } from "./filter";
import { formatSpec } from "./formats";
import { countSelection, prismaQuery, resolveSelection, type ExportCounts, type SelectionOptions } from "./selection";

export interface ExportPreview {
  filter: ExportFilter;
  counts: ExportCounts;
}

/**
 * Counts of the selection. Without `format`: every selected span, orphaned
 * ones included (as Parallax JSONL exports them); with it, exactly what that
 * format writes (the others leave out spans a text edit orphaned, W3C and CSV
 * leave out articles without spans). Throws ExportFilterError for a bad filter.
 */
export async function previewExport(
  db: Db,
  filterInput: unknown,
  options: { format?: string } & SelectionOptions = {},
): Promise<ExportPreview> {
  const filter = parseExportFilter(filterInput);
  const query = prismaQuery(db);
  const selection = await resolveSelection(query, filter, {
    viewerId: options.viewerId,
    readsAllLayers: options.readsAllLayers,
    annotatorEmails: options.annotatorEmails,
  });
  const shape = formatSpec(options.format ?? "jsonl").shape(selection.spanCriteria);
  return { filter, counts: await countSelection(query, selection, shape) };
}
