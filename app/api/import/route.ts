import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { importErrorStatus } from "@/lib/import/errors";
import { startImportJob, waitForImportJob, type ImportJobView } from "@/lib/import/jobs";
import { importUpload, type UploadResult } from "@/lib/import/upload";
import { log } from "@/lib/observability/log";
import { json } from "@/app/api/_lib/request";
import { readImportRequest } from "./parse";

/**
 * Imports article JSONL or one document (docs/import-api.md).
 *
 * JSONL becomes a background job: the upload is stored, the job queued, and
 * the answer is 202 with the job and `Location: /api/imports/{id}` (poll
 * it). `?wait=true` answers the finished job's result instead, as a direct
 * import did; `Accept: application/x-ndjson` answers a stream of the job's
 * progress ending with the result. Leaving either early leaves the job
 * running. A single document is imported at once (one article, one
 * transaction) and answered with its result.
 */
export const POST = route({ permission: "article.import" }, async (req, { user }) => {
  const input = await readImportRequest(req);
  const actor = { id: user!.id, email: user!.email };

  if (input.format !== "jsonl") {
    if (!wantsProgress(req)) {
      const result = await importUpload(db, input, { actor, signal: req.signal });
      return json(result, statusOf(result));
    }
    return eventStream(async (send) => {
      send({ type: "started", format: input.format });
      try {
        const result = await importUpload(db, input, { actor });
        send({ type: "result", ...result });
      } catch (error) {
        send({ type: "error", error: describeError(error) });
      }
    });
  }

  const job = await startImportJob(
    db,
    { source: input.source, spans: input.spans, options: input.options, fileName: input.fileName },
    actor,
  );
  const location = `/api/imports/${job.id}`;
  if (wantsProgress(req)) {
    return eventStream(async (send, signal) => {
      send({ type: "started", format: "jsonl", job: job.id });
      const done = await waitForImportJob(db, job.id, {
        signal,
        onChange: (j) => {
          if (j.progress) send({ type: "progress", ...j.progress });
        },
      });
      if (done.status === "DONE" && done.result) {
        const { report } = done.result;
        send({
          type: "progress",
          lines: report.lines,
          bytes: report.bytes,
          totalBytes: done.bytes,
          imported: report.imported,
          updated: report.updated,
          skipped: report.skipped,
          rejected: report.rejected.length,
        });
        send({ type: "result", ...done.result, job: done.id });
      } else if (done.status === "FAILED") send({ type: "error", error: failure(done) });
    }, location);
  }
  if (wantsWait(req)) {
    const done = await waitForImportJob(db, job.id, { signal: req.signal });
    if (done.status === "DONE" && done.result) {
      return located(json({ ...done.result, job: done.id }, 200), location);
    }
    if (done.status === "FAILED") {
      const error = failure(done);
      return located(json({ error }, importErrorStatus(error.code)), location);
    }
  }
  return located(json({ job }, 202), location);
});

function located(res: Response, location: string): Response {
  res.headers.set("Location", location);
  return res;
}

function wantsProgress(req: NextRequest): boolean {
  return (
    (req.headers.get("accept") ?? "").includes("application/x-ndjson") ||
    req.nextUrl.searchParams.get("progress") === "ndjson"
  );
}

function wantsWait(req: NextRequest): boolean {
  const wait = req.nextUrl.searchParams.get("wait");
  return wait === "true" || wait === "1";
}

function statusOf(result: UploadResult): number {
  return result.kind === "document" && result.result.action === "imported" ? 201 : 200;
}

function failure(job: ImportJobView): { code: string; message: string; details: unknown } {
  return {
    code: job.error?.code ?? "INTERRUPTED",
    message: job.error?.message ?? "The import failed.",
    details: { job: job.id, report: job.error?.report ?? null },
  };
}

/**
 * Progress as NDJSON, one event per line. `run` gets a signal aborted when
 * the reader goes away (a job goes on regardless).
 */
function eventStream(
  run: (send: (event: object) => void, signal: AbortSignal) => Promise<void>,
  location?: string,
): Response {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: object) => {
        try {
          controller.enqueue(encoder.encode(JSON.stringify(event) + "\n"));
        } catch {
          abort.abort(); // the reader went away
        }
      };
      try {
        await run(send, abort.signal);
      } catch (error) {
        send({ type: "error", error: describeError(error) });
      }
      try {
        controller.close();
      } catch {
        // already closed by the reader
      }
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      // no-transform: a gzipping server would hold the events back.
      "Cache-Control": "private, no-store, no-transform",
      "X-Accel-Buffering": "no",
      ...(location && { Location: location }),
    },
  });
}

function describeError(error: unknown): { code: string; message: string; details?: unknown } {
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
  log.error({ err: error }, "an import failed");
  return { code: "INTERNAL", message: "Something went wrong on our side." };
}
