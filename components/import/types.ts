/** What POST /api/import answers (docs/import-api.md), as the /import page reads it. */
import type { ImportProgress, ImportReport } from "@/lib/import/jsonl";
import type { SpansFileReport } from "@/lib/import/spans-file";
import type { ImportJobView } from "@/lib/import/jobs";
import type { UploadResult } from "@/lib/import/upload";

export type { ImportProgress, ImportReport, SpansFileReport, UploadResult };

export type ImportEvent =
  | { type: "started"; format: string }
  | ({ type: "progress" } & ImportProgress)
  | ({ type: "result" } & UploadResult)
  | { type: "error"; error: { code: string; message: string; details?: unknown } };

export interface ImportLimits {
  /** One upload (multipart form). */
  uploadBytes: number;
  /** A .txt/.md/.html document before conversion. */
  documentBytes: number;
  /** An article body. */
  bodyBytes: number;
  /** A spans file. */
  spansBytes: number;
}

export type ImportState =
  | { phase: "idle" }
  | { phase: "uploading" }
  | { phase: "importing"; progress: ImportProgress | null }
  | { phase: "done"; result: UploadResult }
  | { phase: "failed"; message: string; report?: ImportReport };

/** An import job as GET /api/imports/{id} answers it (dates as strings). */
export type ImportJobJson = Omit<ImportJobView, "createdAt" | "startedAt" | "finishedAt"> & {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};
