"use client";

import { useCallback, useRef, useState } from "react";
import type { ImportJobJson, UploadResult } from "./types";

export type UploadState =
  | { phase: "idle" }
  | { phase: "uploading" }
  | { phase: "queued"; job: ImportJobJson }
  | { phase: "done"; result: UploadResult }
  | { phase: "failed"; message: string };

/**
 * Posts the import form to /api/import. A JSONL file becomes a background
 * job (202 with the job: the caller follows it by id); a single document is
 * imported at once and answered with its result.
 */
export function useImportUpload() {
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(async (form: FormData): Promise<UploadState> => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: "uploading" });
    let next: UploadState;
    try {
      const res = await fetch("/api/import", { method: "POST", body: form, signal: abort.signal });
      const body = (await res.json().catch(() => null)) as
        ({ job?: ImportJobJson; error?: { message?: string } } & Partial<UploadResult>) | null;
      if (res.status === 202 && body?.job) next = { phase: "queued", job: body.job };
      else if (res.ok && body?.kind) next = { phase: "done", result: body as UploadResult };
      else next = { phase: "failed", message: body?.error?.message ?? `The server answered ${res.status}.` };
    } catch (error) {
      if (abort.signal.aborted) return { phase: "idle" };
      next = {
        phase: "failed",
        message: `The upload failed: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`,
      };
    }
    setState(next);
    return next;
  }, []);

  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ phase: "idle" });
  }, []);

  return { state, start, reset };
}
