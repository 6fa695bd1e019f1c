/**
 * Dataset exports (docs/formats.md): a filter, a preview of its counts, five
 * streamed formats, frozen snapshots and background jobs. The public surface
 * for routes, server actions and the command line.
 */
export { configuredOrganization, prepareExport, PreparedExport } from "./export";
export type { ExportOptions, ExportProgress, ExportRequest, ExportResult } from "./export";
export { ExportFilterError, IntegrityError, SnapshotNameTakenError, UnknownFormatError } from "./errors";
export { describeFilter, exportFilterSchema, parseExportFilter, REVIEW_STATUSES, SPAN_KINDS } from "./filter";
export type { ExportFilter, ExportFilterInput } from "./filter";
export { EXPORT_FORMATS, FORMAT_IDS, formatSpec, isExportFormat } from "./formats";
export type { ExportFormat } from "./formats";
export {
  deleteExportJobFiles,
  exportRetentionDays,
  getExportJob,
  listExportJobs,
  openExportJobFile,
  runExportJob,
  startExportJob,
} from "./jobs";
export type { ExportJobRequest, ExportJobResult, ExportJobView } from "./jobs";
export { previewExport } from "./preview";
export type { ExportPreview } from "./preview";
export type { ExportCounts } from "./selection";
export { createSnapshot, getSnapshot, listSnapshots, openSnapshot, verifySnapshot } from "./snapshots";
export type { Actor, SnapshotInput, SnapshotView } from "./snapshots";
export { datasetsDir } from "./storage";
