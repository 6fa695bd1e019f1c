import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { importUpload, type UploadResult } from "@/lib/import/upload";
import { json } from "@/app/api/_lib/request";
import { readImportRequest } from "./parse";

/**
 * Imports article JSONL or one document (docs/import-api.md). Answers the
 * result as JSON, or — when the caller accepts application/x-ndjson — as a
 * stream of progress events ending with the result, which the /import page
 * reads to draw its progress bar.
 */
export const POST = route({ permission: "article.import" }, async (req, { user }) => {
  const input = await readImportRequest(req);
  const actor = { id: user!.id, email: user!.email };
  if (!wantsProgress(req)) {
    const result = await importUpload(db, input, { actor, signal: req.signal });
    return json(result, statusOf(result));
  }

  // Progress as NDJSON: one event per line. The import keeps going only while
  // someone reads; a closed connection stops it after the lines already read
  // (which are written whole — a re-import completes it).
  const encoder = new TextEncoder();
  const abort = new AbortController();
  const signal = AbortSignal.any([req.signal, abort.signal]);
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: object) => {
        try {
          controller.enqueue(encoder.encode(JSON.stringify(event) + "\n"));
        } catch {
          abort.abort(); // the reader went away
        }
      };
      send({ type: "started", format: input.format });
      try {
        const result = await importUpload(db, input, {
          actor,
          signal,
          onProgress: (progress) => send({ type: "progress", ...progress }),
        });
        send({ type: "result", ...result });
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
    },
  });
});

function wantsProgress(req: NextRequest): boolean {
  return (
    (req.headers.get("accept") ?? "").includes("application/x-ndjson") ||
    req.nextUrl.searchParams.get("progress") === "ndjson"
  );
}

function statusOf(result: UploadResult): number {
  return result.kind === "document" && result.result.action === "imported" ? 201 : 200;
}

function describeError(error: unknown): { code: string; message: string; details?: unknown } {
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
  console.error(error);
  return {
    code: "INTERNAL",
    message: "Something went wrong on our side. Lines already reported as written were kept.",
  };
}
