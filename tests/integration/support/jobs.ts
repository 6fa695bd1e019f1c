/**
 * The background job worker in an integration test file: a real pg-boss
 * worker on the run's database (or the file's own), started before the
 * file's tests and stopped after; and a wait for a Job row to finish.
 */
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/lib/db";
import { stopJobQueues } from "@/lib/jobs/queue";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";

export function jobWorker(options: { dataDir?: string; databaseUrl?: () => string } = {}): void {
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    worker = await startWorker({
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl?.(),
      pollingIntervalSeconds: 0.5,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await stopJobQueues({ graceMs: 1000 });
  });
}

/** Waits until the Job row is DONE or FAILED, and returns it. */
export async function finishedJob(db: Db, id: string, timeoutMs = 25_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    if (job.status === "DONE" || job.status === "FAILED") return job;
    if (Date.now() > deadline) throw new Error(`job ${id} is still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
