"use client";

import Link from "next/link";
import { usePolledJob } from "@/components/jobs/use-polled-job";
import type { ExportJobView } from "@/lib/export/jobs";
import { formatBytes, panelClass } from "./ui";

type JobJson = Omit<ExportJobView, "createdAt" | "startedAt" | "finishedAt"> & {
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

const POLL_MS = 1000;

/**
 * A background export's progress, polled from GET /api/exports/{id}. The id
 * lives in the page's URL, so a reload picks the job up again.
 */
export function JobProgress({ jobId, onFinished }: { jobId: string; onFinished?: (job: JobJson) => void }) {
  const { job, problem } = usePolledJob<JobJson>(`/api/exports/${encodeURIComponent(jobId)}`, {
    intervalMs: POLL_MS,
    unreachable: "Cannot reach the server; still trying…",
    onFinished,
  });

  const total = job?.total ?? null;
  const percent =
    job?.status === "DONE" ? 100 : total ? Math.min(100, Math.floor(((job?.progress ?? 0) / total) * 100)) : 0;
  const snapshotId = job?.result?.snapshotId;
  return (
    <section className={panelClass} aria-labelledby={`job-${jobId}`} data-testid="export-job">
      <h2 id={`job-${jobId}`} className="font-medium">
        Background export
        {job ? <span className="ml-2 font-normal text-stone-500">{job.format}</span> : null}
      </h2>
      {problem ? (
        <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem}
        </p>
      ) : null}
      <div className="mt-3">
        <div
          role="progressbar"
          aria-label="Export progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={
            job ? `${job.status.toLowerCase()}: ${job.progress} of ${total ?? "?"} ${job.unit}` : "starting"
          }
          className="h-3 w-full overflow-hidden rounded-full bg-stone-200"
        >
          <div
            className={`h-full rounded-full ${job?.status === "FAILED" ? "bg-red-600" : "bg-stone-900"} transition-[width]`}
            style={{ width: `${percent}%` }}
          />
        </div>
        <p className="mt-2 text-sm text-stone-700" role="status" data-testid="export-job-status">
          {!job
            ? "Loading…"
            : job.status === "QUEUED"
              ? "Queued…"
              : job.status === "RUNNING"
                ? `Exporting: ${job.progress.toLocaleString("en")} of ${total === null ? "…" : total.toLocaleString("en")} ${job.unit} (${percent}%)`
                : job.status === "DONE"
                  ? `Done: ${job.result!.counts.articles.toLocaleString("en")} articles, ${job.result!.counts.spans.total.toLocaleString("en")} spans, ${formatBytes(job.result!.bytes)}.`
                  : `Failed: ${job.error ?? "unknown error"}`}
        </p>
      </div>
      {job?.status === "DONE" && job.result ? (
        <div className="mt-3 text-sm">
          {snapshotId ? (
            <Link href={`/datasets/${snapshotId}`} className="font-medium underline">
              Open the dataset snapshot
            </Link>
          ) : job.expired ? (
            <p className="text-stone-700">Expired: the file was deleted after the retention period.</p>
          ) : (
            <a
              href={`/api/exports/${job.id}/file`}
              download={job.result.fileName}
              className="font-medium break-all underline"
            >
              Download {job.result.fileName}
            </a>
          )}
          <p className="mt-1 font-mono text-xs break-all text-stone-500">SHA-256 {job.result.sha256}</p>
        </div>
      ) : null}
    </section>
  );
}

export type { JobJson };
