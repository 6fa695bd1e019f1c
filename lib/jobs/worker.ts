/**
 * The worker: takes jobs from the queue (lib/jobs/queue.ts) and runs them.
 * It runs inside the web server's process by default (instrumentation.ts),
 * or alone with `npm run worker`; any number of instances may run one.
 *
 *   export, dataset-snapshot   runExportJob (lib/export/jobs.ts)
 *   import                     runImportJob (lib/import/jobs.ts)
 *   cleanup                    every hour: export files past their retention; uploads of ended
 *                              imports; temporary files crashed writers left (also at start);
 *                              change-log rows and presence rows past theirs (lib/live/prune.ts,
 *                              presence.ts)
 *
 * A handler gets the queue job's try number (retryCount) and abort signal.
 * An unexpected error returns the job to the queue until the last try; the
 * last try records the failure on the Job row.
 */
import type { Job } from "pg-boss";
import { createDb, getDb, type Db } from "../db";
import { deleteExportJobFiles, exportRetentionDays, runExportJob } from "../export/jobs";
import { datasetsDir, removeStalePartials } from "../export/storage";
import { deleteEndedImportUploads, runImportJob } from "../import/jobs";
import { pruneChangeLog } from "../live/prune";
import { prunePresence } from "../live/presence";
import { jobQueue, QUEUE_NAMES, RETRY_LIMIT } from "./queue";
import { parseEnv } from "../env";

export interface WorkerOptions {
  /** The database (default DATABASE_URL). */
  databaseUrl?: string;
  /** The datasets folder (default PARALLAX_DATA_DIR). */
  dataDir?: string;
  /** Exports run at once in this process. Default PARALLAX_WORKER_CONCURRENCY or 2. */
  concurrency?: number;
  /** Seconds between looks at an empty queue. Default 1. */
  pollingIntervalSeconds?: number;
}

export interface RunningWorker {
  /** Stops taking jobs (the queue itself is stopped with stopJobQueues). */
  stop(): Promise<void>;
}

type RunJob = Job<{ jobId: string }>;

/** Cron for the cleanup job: every hour, at minute 7. */
export const CLEANUP_CRON = "7 * * * *";

/**
 * Deletes export files past PARALLAX_EXPORT_RETENTION_DAYS, and temporary
 * files of writers that crashed (storage.ts removeStalePartials); returns how
 * many export files it deleted.
 */
export async function runCleanup(db: Db, { dataDir = datasetsDir(), now = new Date() } = {}): Promise<number> {
  const before = new Date(now.getTime() - exportRetentionDays() * 24 * 60 * 60 * 1000);
  await removeStalePartials(dataDir, { now: now.getTime() });
  return deleteExportJobFiles(db, before, { dataDir });
}

export async function startWorker(options: WorkerOptions = {}): Promise<RunningWorker> {
  const boss = await jobQueue(options.databaseUrl);
  const db = options.databaseUrl ? createDb(options.databaseUrl) : getDb();
  const dataDir = options.dataDir ?? datasetsDir();
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
  const concurrency = options.concurrency ?? parseEnv().PARALLAX_WORKER_CONCURRENCY;
  // What a crash of an earlier run left; a live writer elsewhere keeps its file fresh, so it stays.
  await removeStalePartials(dataDir).catch((error: unknown) => console.error("removing stale partial files:", error));

  const exportHandler = async ([job]: RunJob[]) => {
    if (!job) return;
    const result = await runExportJob(db, job.data.jobId, {
      databaseUrl: options.databaseUrl,
      dataDir,
      attempt: job.retryCount,
      finalAttempt: job.retryCount >= RETRY_LIMIT,
      signal: job.signal,
    });
    return { status: result.status };
  };
  const importHandler = async ([job]: RunJob[]) => {
    if (!job) return;
    const result = await runImportJob(db, job.data.jobId, {
      dataDir,
      attempt: job.retryCount,
      finalAttempt: job.retryCount >= RETRY_LIMIT,
      signal: job.signal,
    });
    return { status: result.status };
  };
  const workers: [string, string][] = [
    [
      QUEUE_NAMES.export,
      await boss.work<{ jobId: string }>(
        QUEUE_NAMES.export,
        { pollingIntervalSeconds, localConcurrency: concurrency },
        exportHandler,
      ),
    ],
    [
      QUEUE_NAMES.snapshot,
      await boss.work<{ jobId: string }>(QUEUE_NAMES.snapshot, { pollingIntervalSeconds }, exportHandler),
    ],
    [
      QUEUE_NAMES.import,
      await boss.work<{ jobId: string }>(
        QUEUE_NAMES.import,
        { pollingIntervalSeconds, localConcurrency: concurrency },
        importHandler,
      ),
    ],
    [
      QUEUE_NAMES.cleanup,
      await boss.work(QUEUE_NAMES.cleanup, { pollingIntervalSeconds: 30 }, async () => ({
        deleted: await runCleanup(db, { dataDir }),
        importUploads: await deleteEndedImportUploads(db, { dataDir }),
        changesPruned: await pruneChangeLog(db),
        presencePruned: await prunePresence(db),
      })),
    ],
  ];
  await boss.schedule(QUEUE_NAMES.cleanup, CLEANUP_CRON);

  return {
    async stop() {
      await Promise.allSettled(workers.map(([name, id]) => boss.offWork(name, { id, wait: true })));
      if (options.databaseUrl) await db.$disconnect();
    },
  };
}
