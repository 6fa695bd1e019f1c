/**
 * Exports as background jobs, so a large export survives a page reload: the
 * Job row carries the request, the progress (done / total) and, at the end,
 * the result or the error; a page polls it with getExportJob.
 *
 *   const job = await startExportJob(db, { format: "jsonl", filter }, actor);  // QUEUED
 *   void runExportJob(db, job.id);                                             // in the background
 *   await getExportJob(db, job.id);                                            // poll
 *
 * A running job holds a PostgreSQL advisory lock on a connection of its own.
 * If its process dies (a server restart), the connection closes and the lock
 * goes with it: getExportJob and recoverExportJobs then see a RUNNING job
 * nobody holds and mark it FAILED ("interrupted"), so no job stays "running"
 * forever; starting it again is a new job. A job is run at most once: the
 * lock and the QUEUED → RUNNING transition make a second runner a no-op.
 */
import fs from "node:fs/promises";
import type { Readable } from "node:stream";
import pg from "pg";
import { audit } from "../audit/log";
import type { Db, Prisma } from "../db";
import { AppError, notFound } from "../errors";
import type { Job } from "../generated/prisma/client";
import { prepareExport, type ExportOptions, type ExportResult } from "./export";
import { parseExportFilter, type ExportFilter } from "./filter";
import { formatSpec, type ExportFormat } from "./formats";
import { prismaQuery, resolveSelection } from "./selection";
import { assertSnapshotNameFree, createSnapshot, parseSnapshotInput, type Actor } from "./snapshots";
import { datasetsDir, resolveDataPath, verifiedReadStream, writeNewFile } from "./storage";

export interface ExportJobRequest {
  format: string;
  filter?: unknown;
  /** Freeze the result as a named dataset snapshot instead of a temporary download. */
  snapshot?: { name: string; description?: string | null };
}

interface ExportJobParams {
  format: ExportFormat;
  filter: ExportFilter;
  unit: "spans" | "claims";
  snapshot?: { name: string; description: string | null };
}

export interface ExportJobView {
  id: string;
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  format: ExportFormat;
  filter: ExportFilter;
  /** What progress and total count. */
  unit: "spans" | "claims";
  progress: number;
  total: number | null;
  error: string | null;
  /** When DONE: the file's size and hash, the counts, a download name; a snapshot's id for snapshot jobs. */
  result: ExportJobResult | null;
  createdById: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ExportJobResult {
  sha256: string;
  bytes: number;
  counts: ExportResult["counts"];
  fileName: string;
  mediaType: string;
  snapshotId?: string;
}

export interface ExportJobOptions extends ExportOptions {
  dataDir?: string;
  /** Least time between two progress writes to the Job row. Default 1 s. */
  progressWriteMs?: number;
}

export const INTERRUPTED = "Interrupted: the server stopped while the export was running. Start it again.";

const lockKey = (jobId: string) => `parallax.export-job:${jobId}`;

function view(job: Job): ExportJobView {
  const params = job.params as unknown as ExportJobParams;
  return {
    id: job.id,
    status: job.status,
    format: params.format,
    filter: params.filter,
    unit: params.unit,
    progress: job.progress,
    total: job.total,
    error: job.error,
    result: (job.result as unknown as ExportJobResult | null) ?? null,
    createdById: job.createdById,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/** Validates the request (format, filter, snapshot name) and queues the job. */
export async function startExportJob(db: Db, request: ExportJobRequest, actor: Actor): Promise<ExportJobView> {
  const spec = formatSpec(request.format);
  const filter = parseExportFilter(request.filter);
  await resolveSelection(prismaQuery(db), filter);
  let snapshot: ExportJobParams["snapshot"];
  if (request.snapshot) {
    const input = parseSnapshotInput({ ...request.snapshot, format: request.format });
    await assertSnapshotNameFree(db, input.name);
    snapshot = { name: input.name, description: input.description ?? null };
  }
  const params: ExportJobParams = {
    format: request.format as ExportFormat,
    filter,
    unit: spec.unit,
    ...(snapshot && { snapshot }),
  };
  const job = await db.$transaction(async (tx) => {
    const created = await tx.job.create({
      data: {
        kind: "EXPORT",
        status: "QUEUED",
        params: params as unknown as Prisma.InputJsonValue,
        createdById: actor?.id ?? null,
      },
    });
    await audit(tx, {
      action: snapshot ? "export.snapshot_started" : "export.started",
      actor,
      target: { type: "Job", id: created.id },
      detail: {
        format: params.format,
        filter: filter as Prisma.InputJsonValue,
        ...(snapshot && { snapshot: snapshot.name }),
      },
    });
    return created;
  });
  return view(job);
}

/**
 * Runs a queued export job to the end, recording progress, and returns its
 * final state. A job that is not QUEUED (done, failed, or being run by another
 * process) is left alone and returned as it is.
 */
export async function runExportJob(db: Db, jobId: string, options: ExportJobOptions = {}): Promise<ExportJobView> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("Export jobs need a database URL: pass databaseUrl or set DATABASE_URL.");
  const lock = new pg.Client({ connectionString: databaseUrl, application_name: "parallax-export-job" });
  await lock.connect();
  try {
    const { rows } = await lock.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
      lockKey(jobId),
    ]);
    if (!rows[0]?.locked) return await getJobView(db, jobId);
    const claimed = await db.job.updateMany({
      where: { id: jobId, kind: "EXPORT", status: "QUEUED" },
      data: { status: "RUNNING", startedAt: new Date() },
    });
    if (claimed.count === 0) return await getJobView(db, jobId);
    return await execute(db, jobId, { ...options, databaseUrl });
  } finally {
    await lock.end().catch(() => {}); // closing the session releases the lock
  }
}

async function execute(db: Db, jobId: string, options: ExportJobOptions): Promise<ExportJobView> {
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const params = job.params as unknown as ExportJobParams;
  const actor = job.createdById
    ? await db.user.findUnique({ where: { id: job.createdById }, select: { id: true, email: true } })
    : null;

  // Progress goes to the row at most once per progressWriteMs, one write at a time.
  let writing: Promise<unknown> | null = null;
  let lastWrite = 0;
  const onProgress: ExportOptions["onProgress"] = (p) => {
    options.onProgress?.(p);
    const now = performance.now();
    if (writing || now - lastWrite < (options.progressWriteMs ?? 1000)) return;
    lastWrite = now;
    writing = db.job
      .update({ where: { id: jobId }, data: { progress: p.done, total: p.total } })
      .catch(() => {})
      .finally(() => (writing = null));
  };
  // The row's own throttle above decides; the exporter reports every chunk.
  const exportOptions = { ...options, progressIntervalMs: 0, onProgress };
  const dataDir = options.dataDir ?? datasetsDir();

  let data: Prisma.JobUpdateInput;
  try {
    let result: ExportJobResult;
    let filePath: string | null = null;
    if (params.snapshot) {
      const snapshot = await createSnapshot(
        db,
        {
          name: params.snapshot.name,
          description: params.snapshot.description,
          format: params.format,
          filter: params.filter,
        },
        actor,
        { ...exportOptions, dataDir },
      );
      result = {
        sha256: snapshot.sha256,
        bytes: snapshot.byteSize,
        counts: snapshot.counts,
        fileName: snapshot.fileName,
        mediaType: snapshot.mediaType,
        snapshotId: snapshot.id,
      };
    } else {
      const plan = await prepareExport(db, { format: params.format, filter: params.filter }, exportOptions);
      filePath = `exports/${jobId}.${plan.spec.extension}`;
      const written = await writeNewFile(resolveDataPath(dataDir, filePath), (out) => plan.writeTo(out));
      result = {
        sha256: written.sha256,
        bytes: written.bytes,
        counts: written.counts,
        fileName: plan.fileName(`parallax-export-${jobId.slice(0, 8)}`),
        mediaType: written.mediaType,
      };
    }
    const total = params.unit === "claims" ? result.counts.claimReviews : result.counts.spans.total;
    data = {
      status: "DONE",
      progress: total,
      total,
      result: result as unknown as Prisma.InputJsonValue,
      filePath,
      finishedAt: new Date(),
    };
  } catch (error) {
    data = {
      status: "FAILED",
      error:
        error instanceof AppError
          ? error.message
          : `Export failed: ${error instanceof Error ? error.message : String(error)}`,
      finishedAt: new Date(),
    };
  }
  await writing;
  // Still holding the lock: recovery never sees this job RUNNING and unheld.
  return view(await db.job.update({ where: { id: jobId }, data }));
}

async function getJobView(db: Db, jobId: string): Promise<ExportJobView> {
  const job = await db.job.findFirst({ where: { id: jobId, kind: "EXPORT" } });
  if (!job) throw notFound("The export job");
  return view(job);
}

/** Whether a RUNNING job's runner is gone (its advisory lock is free). */
async function isOrphaned(db: Db, jobId: string): Promise<boolean> {
  // A transaction-scoped try-lock in its own statement: taken and released at once if free.
  const rows = await db.$queryRawUnsafe<{ free: boolean }[]>(
    `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS free`,
    lockKey(jobId),
  );
  return rows[0]?.free === true;
}

async function failIfInterrupted(db: Db, job: Job): Promise<Job> {
  if (job.status !== "RUNNING" || !(await isOrphaned(db, job.id))) return job;
  await db.job.updateMany({
    where: { id: job.id, status: "RUNNING" },
    data: { status: "FAILED", error: INTERRUPTED, finishedAt: new Date() },
  });
  return db.job.findUniqueOrThrow({ where: { id: job.id } });
}

/** The job as a page shows it; a RUNNING job whose process died is reported (and recorded) as FAILED. */
export async function getExportJob(db: Db, jobId: string): Promise<ExportJobView> {
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) throw notFound("The export job");
  const job = await db.job.findFirst({ where: { id: jobId, kind: "EXPORT" } });
  if (!job) throw notFound("The export job");
  return view(await failIfInterrupted(db, job));
}

/**
 * For server start: marks export jobs whose runner is gone FAILED, and returns
 * the ids of the queued jobs, which the caller may run.
 */
export async function recoverExportJobs(db: Db): Promise<{ failed: string[]; queued: string[] }> {
  const failed: string[] = [];
  for (const job of await db.job.findMany({ where: { kind: "EXPORT", status: "RUNNING" } })) {
    if ((await failIfInterrupted(db, job)).status === "FAILED") failed.push(job.id);
  }
  const queued = await db.job.findMany({
    where: { kind: "EXPORT", status: "QUEUED" },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return { failed, queued: queued.map((j) => j.id) };
}

/** The finished job's file, verified against its SHA-256 while streaming (snapshot jobs: see openSnapshot). */
export async function openExportJobFile(
  db: Db,
  jobId: string,
  { dataDir = datasetsDir() }: { dataDir?: string } = {},
): Promise<{ job: ExportJobView; fileName: string; mediaType: string; path: string; stream(): Readable }> {
  const job = await db.job.findFirst({ where: { id: jobId, kind: "EXPORT" } });
  if (!job) throw notFound("The export job");
  const v = view(job);
  if (v.status !== "DONE" || !v.result || !job.filePath) {
    throw new AppError("EXPORT_NOT_READY", "This export has no file to download (yet).", 409);
  }
  const file = resolveDataPath(dataDir, job.filePath);
  const { sha256, bytes } = v.result;
  return {
    job: v,
    fileName: v.result.fileName,
    mediaType: v.result.mediaType,
    path: file,
    stream: () => verifiedReadStream(file, { sha256, bytes }),
  };
}

/** Deletes the files of export jobs finished before `before` (snapshots are kept). Returns how many. */
export async function deleteExportJobFiles(
  db: Db,
  before: Date,
  { dataDir = datasetsDir() }: { dataDir?: string } = {},
): Promise<number> {
  const jobs = await db.job.findMany({
    where: { kind: "EXPORT", filePath: { not: null }, finishedAt: { lt: before } },
    select: { id: true, filePath: true },
  });
  for (const job of jobs) {
    await fs.rm(resolveDataPath(dataDir, job.filePath!), { force: true });
    await db.job.update({ where: { id: job.id }, data: { filePath: null } });
  }
  return jobs.length;
}

/** A user's export jobs, newest first (the export page's "recent exports"). */
export async function listExportJobs(
  db: Db,
  { createdById, take = 20 }: { createdById: string; take?: number },
): Promise<ExportJobView[]> {
  const jobs = await db.job.findMany({
    where: { kind: "EXPORT", createdById },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
  });
  return Promise.all(jobs.map(async (job) => view(await failIfInterrupted(db, job))));
}
