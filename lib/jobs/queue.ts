/**
 * The background job queue: pg-boss on the app's own PostgreSQL (schema
 * `pgboss`). A queued job is claimed by exactly one worker (SELECT … FOR
 * UPDATE SKIP LOCKED), retried with exponential backoff when its handler
 * throws, and — because a running job must send a heartbeat every few
 * seconds — handed to another worker when the process running it dies,
 * while jobs of live processes are left alone.
 *
 * The queue only carries the id of a `Job` row: the row is the record users
 * see (status, progress, report), written by whichever worker runs the job,
 * so every instance shows the same progress.
 *
 *   await enqueue("export", job.id);          // from a request
 *   await startWorker();                      // lib/jobs/worker.ts
 */
import os from "node:os";
import { PgBoss, type Queue } from "pg-boss";
import { parseEnv } from "../env";
import { log } from "../observability/log";

export const QUEUE_NAMES = {
  export: "export",
  snapshot: "dataset-snapshot",
  import: "import",
  cleanup: "cleanup",
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** How long a try may run before the queue gives up on it. */
const LONG_JOB_SECONDS = 6 * 60 * 60;

/**
 * Retries: 3 more tries after the first, 2 s, ~4 s, ~8 s apart (with jitter).
 * A running job's worker refreshes its heartbeat every 5 s; after 10 s
 * without one the job is failed and retried elsewhere.
 */
export const RETRY_LIMIT = 3;
const RUN_OPTIONS: Omit<Queue, "name"> = {
  retryLimit: RETRY_LIMIT,
  retryDelay: 2,
  retryBackoff: true,
  retryDelayMax: 120,
  heartbeatSeconds: 10,
  expireInSeconds: LONG_JOB_SECONDS,
};

const QUEUE_OPTIONS: Record<QueueName, Omit<Queue, "name">> = {
  export: RUN_OPTIONS,
  "dataset-snapshot": RUN_OPTIONS,
  import: RUN_OPTIONS,
  // Cleanup is idempotent and runs every hour: one queued at a time, few retries.
  cleanup: { policy: "singleton", retryLimit: 1, retryDelay: 60, expireInSeconds: 30 * 60 },
};

type Queues = Map<string, Promise<PgBoss>>;
const globalForQueue = globalThis as unknown as { parallaxQueues?: Queues };
const queues: Queues = (globalForQueue.parallaxQueues ??= new Map());

function databaseUrl(url?: string): string {
  const resolved = url ?? parseEnv().DATABASE_URL;
  if (!resolved) throw new Error("The job queue needs DATABASE_URL.");
  return resolved;
}

async function ensureQueue(boss: PgBoss, name: QueueName): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, QUEUE_OPTIONS[name]);
  } catch (error) {
    // Another instance created it at the same moment.
    if (!(await boss.getQueue(name))) throw error;
  }
}

async function open(url: string): Promise<PgBoss> {
  const env = parseEnv();
  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    application_name: "parallax-queue",
    max: env.PARALLAX_QUEUE_POOL_SIZE,
    // How often stalled jobs (missed heartbeats, expired tries) are looked for.
    superviseIntervalSeconds: env.PARALLAX_QUEUE_SUPERVISE_SECONDS,
    monitorIntervalSeconds: env.PARALLAX_QUEUE_SUPERVISE_SECONDS,
  });
  boss.on("error", (error: Error) => log.error({ err: error }, "job queue error"));
  await boss.start();
  for (const name of Object.values(QUEUE_NAMES)) await ensureQueue(boss, name);
  return boss;
}

/** The process's queue on `url` (default DATABASE_URL), started once and shared. */
export function jobQueue(url?: string): Promise<PgBoss> {
  const key = databaseUrl(url);
  let boss = queues.get(key);
  if (!boss) {
    boss = open(key);
    queues.set(key, boss);
    boss.catch(() => queues.delete(key));
  }
  return boss;
}

/** This process, as Job rows name their runner: "host:pid". */
export function runnerId(): string {
  return `${os.hostname()}:${process.pid}`;
}

/** Queues the run of Job row `jobId`; the queue's job has the same id. */
export async function enqueue(name: QueueName, jobId: string, { databaseUrl }: { databaseUrl?: string } = {}) {
  const boss = await jobQueue(databaseUrl);
  await boss.send(name, { jobId }, { id: jobId });
}

export type QueueState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

/** The queue's state of a job, or null when the queue has no such job (never queued, or long deleted). */
export async function queueState(
  name: QueueName,
  jobId: string,
  { databaseUrl }: { databaseUrl?: string } = {},
): Promise<QueueState | null> {
  const boss = await jobQueue(databaseUrl);
  const [job] = await boss.findJobs(name, { id: jobId });
  return (job?.state as QueueState | undefined) ?? null;
}

/** How many jobs wait, run and failed (still kept) in each queue (metrics). */
export async function queueDepths(
  url?: string,
): Promise<{ name: QueueName; queued: number; active: number; failed: number }[]> {
  const boss = await jobQueue(url);
  const found = await boss.getQueues(Object.values(QUEUE_NAMES));
  return found.map((q) => ({
    name: q.name as QueueName,
    queued: q.queuedCount,
    active: q.activeCount,
    failed: q.failedCount,
  }));
}

/**
 * Stops every queue this process opened. Running jobs get `graceMs` to end;
 * then they are failed — which returns them to the queue for another try,
 * on this instance's next start or on another instance — and their
 * handlers' `job.signal` is aborted.
 */
export async function stopJobQueues({ graceMs = 10_000 }: { graceMs?: number } = {}): Promise<void> {
  const open = [...queues.values()];
  queues.clear();
  await Promise.allSettled(
    open.map(async (boss) => (await boss).stop({ graceful: true, timeout: Math.max(graceMs, 1000) })),
  );
}
