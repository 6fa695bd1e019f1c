/**
 * Running export jobs in the web server's process: a started job runs in the
 * background (the request that started it has long answered), and the first
 * use after a server start recovers what a previous process left behind
 * (RUNNING jobs whose runner died are marked failed, QUEUED ones are run).
 */
import type { Db } from "../db";
import { recoverExportJobs, runExportJob, type ExportJobOptions } from "./jobs";

const running = new Map<string, Promise<unknown>>();
let recovered: Promise<void> | null = null;

/** Runs the job in the background; errors are recorded on the job, never thrown here. */
export function launchExportJob(db: Db, jobId: string, options: ExportJobOptions = {}): Promise<unknown> {
  const existing = running.get(jobId);
  if (existing) return existing;
  const run = runExportJob(db, jobId, options)
    .catch((error: unknown) => console.error(`export job ${jobId} failed to run`, error))
    .finally(() => running.delete(jobId));
  running.set(jobId, run);
  return run;
}

/** Once per process: fail orphaned jobs, start queued ones. */
export function recoverExportJobsOnce(db: Db): Promise<void> {
  recovered ??= recoverExportJobs(db).then(
    ({ queued }) => {
      for (const id of queued) void launchExportJob(db, id);
    },
    (error: unknown) => {
      recovered = null;
      console.error("recovering export jobs failed", error);
    },
  );
  return recovered;
}

/** Resolves when every job this process started has finished (tests, shutdown). */
export async function settleExportJobs(): Promise<void> {
  while (running.size) await Promise.allSettled([...running.values()]);
}
