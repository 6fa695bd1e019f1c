"use client";

import { usePolledJob } from "@/components/jobs/use-polled-job";
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
  const { job, problem } = usePolledJob<ImportJobJson>(`/api/imports/${encodeURIComponent(jobId)}`, {
    intervalMs: POLL_MS,
    unreachable: "Cannot reach the server; still trying… (the import goes on)",
    // Only a job that is gone stops the polling; other errors may pass.
    keepPollingAfter: (status) => status !== 404,
    // A job opened when already finished changes nothing on the page.
    onFinished: (finished, { sawRunning }) => {
      if (sawRunning) onFinished?.(finished);
    },
  });

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
