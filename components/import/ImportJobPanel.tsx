"use client";

import { useEffect, useRef, useState } from "react";
import { StatusLine } from "@/components/admin/taxonomy/ui";
import { ImportProgressBar } from "./ImportProgressBar";
import { ImportReportView } from "./ImportReportView";
import type { ImportJobJson } from "./types";

const POLL_MS = 500;

/**
 * A background import, followed by polling GET /api/imports/{id}: the
 * progress bar while it is queued or running, then its report. The id is in
 * the page's URL, so a reload (or a link from the history) finds it again.
 */
export function ImportJobPanel({ jobId, onFinished }: { jobId: string; onFinished?: (job: ImportJobJson) => void }) {
  const [job, setJob] = useState<ImportJobJson | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasRunning = false;
    const poll = async () => {
      try {
        const res = await fetch(`/api/imports/${encodeURIComponent(jobId)}`, { cache: "no-store" });
        if (stopped) return;
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          setProblem(body?.error?.message ?? `The server answered ${res.status}.`);
          if (res.status === 404) return;
        } else {
          const { job: next } = (await res.json()) as { job: ImportJobJson };
          if (stopped) return;
          setProblem(null);
          setJob(next);
          if (next.status === "DONE" || next.status === "FAILED") {
            if (wasRunning) finished.current?.(next);
            return;
          }
          wasRunning = true;
        }
      } catch {
        if (stopped) return;
        setProblem("Cannot reach the server; still trying… (the import goes on)");
      }
      timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  const name = job?.fileName ? `“${job.fileName}”` : "the import";
  return (
    <div className="space-y-4" data-testid="import-job" data-job-id={jobId} data-status={job?.status ?? "LOADING"}>
      {problem ? <StatusLine status={{ kind: "error", text: problem }} /> : null}
      {!job || job.status === "QUEUED" || job.status === "RUNNING" ? (
        <ImportProgressBar
          state={{ phase: "importing", progress: job?.progress ?? null }}
          label={job?.status === "QUEUED" ? `Waiting to import ${name}…` : undefined}
        />
      ) : job.status === "DONE" && job.result ? (
        <ImportReportView report={job.result.report} spansFile={job.result.spansFile} fileName={job.fileName} />
      ) : job.error ? (
        <div className="space-y-4">
          <StatusLine status={{ kind: "error", text: job.error.message }} />
          {job.error.report ? (
            <ImportReportView report={job.error.report} spansFile={null} fileName={job.fileName} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
