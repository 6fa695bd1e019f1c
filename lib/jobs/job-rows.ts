/**
 * The Job row's side of a queued job, shared by exports (lib/export/jobs.ts)
 * and imports (lib/import/jobs.ts): which try holds the row, progress
 * written to it, and rows whose queue job has ended without them.
 *
 * Each try takes the row over with its attempt number and only writes to
 * the row while the row still has that number, so a late write of an
 * abandoned try changes nothing.
 */
import type { Db, Prisma } from "../db";
import type { Job } from "../generated/prisma/client";
import type { JobKind } from "../generated/prisma/enums";
import { queueState, runnerId, type QueueName } from "./queue";

/**
 * Takes the row for try `attempt`: a QUEUED row not taken by a later try, or
 * a RUNNING row an earlier try left. False when the job is finished or held
 * by a try that is not older than this one (leave it alone). `data` is
 * written along, e.g. progress reset for a job that starts over.
 */
export async function claimJob(
  db: Db,
  { id, kind, attempt, data }: { id: string; kind: JobKind; attempt: number; data?: Prisma.JobUpdateManyMutationInput },
): Promise<boolean> {
  const claimed = await db.job.updateMany({
    where: {
      id,
      kind,
      OR: [
        { status: "QUEUED", attempt: { lte: attempt } },
        { status: "RUNNING", attempt: { lt: attempt } },
      ],
    },
    data: { ...data, status: "RUNNING", attempt, runner: runnerId(), startedAt: new Date(), error: null },
  });
  return claimed.count > 0;
}

/** The row while try `attempt` holds it. */
export const heldBy = (id: string, attempt: number) => ({ id, attempt, status: "RUNNING" as const });

/**
 * Progress writes to the row a try holds: at most one per `intervalMs` and
 * one at a time, so a fast job does not queue up writes. A write that fails
 * is dropped; the next one carries the newer figures.
 */
export function progressWriter(db: Db, where: ReturnType<typeof heldBy>, intervalMs: number) {
  let writing: Promise<unknown> | null = null;
  let lastWrite = 0;
  return {
    /** Writes `data` unless a write is under way or the last one is too recent. */
    write(data: Prisma.JobUpdateManyMutationInput): void {
      const now = performance.now();
      if (writing || now - lastWrite < intervalMs) return;
      lastWrite = now;
      writing = db.job
        .updateMany({ where, data })
        .catch(() => {})
        .finally(() => (writing = null));
    },
    /** Resolves when the write under way, if any, has ended. */
    async settled(): Promise<void> {
      await writing;
    },
  };
}

/**
 * A QUEUED or RUNNING row whose queue job has ended without it (retries used
 * up, cancelled, or never queued): recorded as FAILED with `error`, so
 * nothing stays "running" forever. Any other row is returned as it is.
 */
export async function failIfAbandoned(
  db: Db,
  job: Job,
  { queue, error, databaseUrl }: { queue: QueueName; error: string; databaseUrl?: string },
): Promise<Job> {
  if (job.status !== "RUNNING" && job.status !== "QUEUED") return job;
  const state = await queueState(queue, job.id, { databaseUrl });
  if (state !== null && state !== "failed" && state !== "cancelled" && state !== "completed") return job;
  if (state === "completed") {
    // The worker finishes the row before it completes the queue job; look again.
    const fresh = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    if (fresh.status === "DONE" || fresh.status === "FAILED") return fresh;
  }
  await db.job.updateMany({
    where: { id: job.id, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "FAILED", error, finishedAt: new Date() },
  });
  return db.job.findUniqueOrThrow({ where: { id: job.id } });
}

/** A user's jobs of one kind, newest first (the export and import pages' history). */
export function listOwnJobs(db: Db, kind: JobKind, { createdById, take }: { createdById: string; take: number }) {
  return db.job.findMany({
    where: { kind, createdById },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
  });
}
