"use client";

import { useCallback, useRef, useState } from "react";
import type { ImportEvent, ImportReport, ImportState } from "./types";

/**
 * Posts a form to /api/import asking for NDJSON progress, and follows the
 * events as they arrive (fetch + ReadableStream): uploading → importing
 * (with progress) → done or failed.
 */
export function useImportStream() {
  const [state, setState] = useState<ImportState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(async (form: FormData) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: "uploading" });
    let res: Response;
    try {
      res = await fetch("/api/import", {
        method: "POST",
        body: form,
        headers: { Accept: "application/x-ndjson" },
        signal: abort.signal,
      });
    } catch (error) {
      if (abort.signal.aborted) return;
      setState({ phase: "failed", message: `The upload failed: ${describe(error)}. Nothing was imported.` });
      return;
    }
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setState({ phase: "failed", message: body?.error?.message ?? `The server answered ${res.status}.` });
      return;
    }
    setState({ phase: "importing", progress: null });
    let finished = false;
    try {
      for await (const event of readEvents(res.body)) {
        if (event.type === "progress") setState({ phase: "importing", progress: event });
        else if (event.type === "result") {
          finished = true;
          const { type: _type, ...result } = event;
          setState({ phase: "done", result });
        } else if (event.type === "error") {
          finished = true;
          const report = (event.error.details as { report?: ImportReport } | undefined)?.report;
          setState({ phase: "failed", message: event.error.message, report });
        }
      }
    } catch (error) {
      if (abort.signal.aborted) return;
      finished = true;
      setState({
        phase: "failed",
        message: `The connection was lost during the import (${describe(error)}). Lines already written are kept: import the file again to finish — what is there is skipped.`,
      });
    }
    if (!finished && !abort.signal.aborted) {
      setState({ phase: "failed", message: "The import ended without a report. Import the file again to finish it." });
    }
  }, []);

  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ phase: "idle" });
  }, []);

  return { state, start, reset };
}

async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ImportEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done });
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield JSON.parse(line) as ImportEvent;
    }
    if (done) break;
  }
  if (buffer.trim()) yield JSON.parse(buffer) as ImportEvent;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
