/**
 * Exports and dataset snapshots as background jobs, so a large export
 * survives a page reload and a server restart: the Job row carries the
 * request, the progress (done / total) and, at the end, the result or the
 * error; a page polls it with getExportJob.
 *
 *   const job = await startExportJob(db, { format: "jsonl", filter }, actor);  // QUEUED, and queued
 *   // a worker (lib/jobs/worker.ts) calls runExportJob(db, job.id, { attempt })
 *   await getExportJob(db, job.id);                                             // poll
 *
 * The queue (lib/jobs/queue.ts) hands a job to one worker at a time and
 * retries it when a try fails or its process dies. Each try takes the row
 * over with its attempt number, and only writes to the row while the row
 * still has that number: a late write of an abandoned try changes nothing.
 * A job the queue has given up on (or never had) while its row still says
 * QUEUED or RUNNING is reported — and recorded — as FAILED ("interrupted").
 */
import fs from "node:fs/promises";
import type { Readable } from "node:stream";
import { assertAgreementAvailable } from "../agreement/snapshot";
import { audit } from "../audit/log";
import type { Db, Prisma } from "../db";
import { AppError, notFound } from "../errors";
import type { Job } from "../generated/prisma/client";
import { claimJob, failIfAbandoned, heldBy, listOwnJobs, progressWriter } from "../jobs/job-rows";
import { enqueue, QUEUE_NAMES, type QueueName } from "../jobs/queue";
import { prepareExport, type ExportOptions, type ExportResult } from "./export";
import { parseExportFilter, type ExportFilter } from "./filter";
import { formatSpec, type ExportFormat } from "./formats";
import { prismaQuery, resolveSelection } from "./selection";
import { assertSnapshotNameFree, createSnapshot, getSnapshot, parseSnapshotInput, type Actor } from "./snapshots";
import { datasetsDir, resolveDataPath, verifiedReadStream, writeNewFile } from "./storage";
import { parseEnv, type RawEnv } from "../env";

export interface ExportJobRequest {
  format: string;
  filter?: unknown;
  /**
   * Freeze the result as a named dataset snapshot instead of a temporary
   * download; with `agreement`, the agreement report over its articles too.
   */
  snapshot?: { name: string; description?: string | null; agreement?: boolean };
}

interface ExportJobParams {
  format: ExportFormat;
  filter: ExportFilter;
  unit: "spans" | "claims";
  snapshot?: { name: string; description: string | null; agreement?: true };
  /** The user the export is for (selection.ts: what their unfinished independent work hides). */
  viewerId?: string;
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
  /** A finished export whose file was deleted after the retention period (snapshots are kept). */
  expired: boolean;
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
  /** Which try of the job this is (0 = the first); a later try takes over a row an earlier one left RUNNING. */
  attempt?: number;
  /**
   * Whether an unexpected error is final. When false, the row goes back to
   * QUEUED and the error is thrown, so the queue tries again. Default true.
   * Refusals (AppError: a story gone, a name taken) are always final.
   */
  finalAttempt?: boolean;
}

export const INTERRUPTED = "Interrupted: the export stopped and could not be finished. Start it again.";

const queueOf = (params: Pick<ExportJobParams, "snapshot">): QueueName =>
  params.snapshot ? QUEUE_NAMES.snapshot : QUEUE_NAMES.export;

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
    expired: job.status === "DONE" && !params.snapshot && job.filePath === null,
    createdById: job.createdById,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/** Validates the request (format, filter, snapshot name) and queues the job. */
export async function startExportJob(
  db: Db,
  request: ExportJobRequest,
  actor: Actor,
  options: { databaseUrl?: string; readsAllLayers?: boolean; annotatorEmails?: boolean; readsAgreement?: boolean } = {},
): Promise<ExportJobView> {
  const spec = formatSpec(request.format);
  const filter = parseExportFilter(request.filter);
  await resolveSelection(prismaQuery(db), filter, {
    viewerId: actor?.id,
    readsAllLayers: options.readsAllLayers ?? true,
    annotatorEmails: options.annotatorEmails ?? true,
  });
  let snapshot: ExportJobParams["snapshot"];
  if (request.snapshot) {
    const input = parseSnapshotInput({ ...request.snapshot, format: request.format });
    await assertSnapshotNameFree(db, input.name);
    if (input.agreement) await assertAgreementAvailable(db, filter, actor, { readsAgreement: options.readsAgreement });
    snapshot = {
      name: input.name,
      description: input.description ?? null,
      ...(input.agreement && { agreement: true }),
    };
  }
  const params: ExportJobParams = {
    format: request.format as ExportFormat,
    filter,
    unit: spec.unit,
    ...(snapshot && { snapshot }),
    ...(actor?.id && { viewerId: actor.id }),
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
  try {
    await enqueue(queueOf(params), job.id, { databaseUrl: options.databaseUrl });
  } catch (error) {
    await db.job.update({
      where: { id: job.id },
      data: { status: "FAILED", error: "The job could not be queued.", finishedAt: new Date() },
    });
    throw error;
  }
  return view(job);
}

/**
 * Runs one try of an export job to the end, recording progress, and returns
 * its final state. A job that is finished, or held by a try that is not
 * older than this one, is left alone and returned as it is.
 */
export async function runExportJob(db: Db, jobId: string, options: ExportJobOptions = {}): Promise<ExportJobView> {
  const attempt = options.attempt ?? 0;
  // An export starts over on every try: its progress too.
  if (!(await claimJob(db, { id: jobId, kind: "EXPORT", attempt, data: { progress: 0 } })))
    return getJobView(db, jobId);
  return execute(db, jobId, attempt, options);
}

async function execute(db: Db, jobId: string, attempt: number, options: ExportJobOptions): Promise<ExportJobView> {
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const params = job.params as unknown as ExportJobParams;
  const actor = job.createdById
    ? await db.user.findUnique({ where: { id: job.createdById }, select: { id: true, email: true } })
    : null;

  const mine = heldBy(jobId, attempt);
  const progress = progressWriter(db, mine, options.progressWriteMs ?? 1000);
  const onProgress: ExportOptions["onProgress"] = (p) => {
    options.onProgress?.(p);
    progress.write({ progress: p.done, total: p.total });
  };
  // The row's own throttle above decides; the exporter reports every chunk.
  const exportOptions = { ...options, progressIntervalMs: 0, onProgress, viewerId: params.viewerId };
  const dataDir = options.dataDir ?? datasetsDir();

  let data: Prisma.JobUpdateInput;
  try {
    let result: ExportJobResult;
    let filePath: string | null = null;
    if (params.snapshot) {
      const snapshot =
        (attempt > 0 && (await snapshotOfEarlierTry(db, job, params.snapshot.name))) ||
        (await createSnapshot(
          db,
          {
            name: params.snapshot.name,
            description: params.snapshot.description,
            format: params.format,
            filter: params.filter,
            agreement: params.snapshot.agreement,
          },
          actor,
          { ...exportOptions, dataDir },
        ));
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
      const finalPath = resolveDataPath(dataDir, filePath);
      // An earlier try may have written the file and died before recording it.
      if (attempt > 0) await fs.rm(finalPath, { force: true });
      const written = await writeNewFile(finalPath, (out) => plan.writeTo(out));
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
    await progress.settled();
    if (!(error instanceof AppError) && options.finalAttempt === false) {
      // Back to the queue, which tries again after a pause.
      await db.job.updateMany({ where: mine, data: { status: "QUEUED" } });
      throw error;
    }
    data = {
      status: "FAILED",
      error:
        error instanceof AppError
          ? error.message
          : `Export failed: ${error instanceof Error ? error.message : String(error)}`,
      finishedAt: new Date(),
    };
  }
  await progress.settled();
  // Only this try's row: a later try that took the job over keeps it.
  await db.job.updateMany({ where: mine, data });
  return getJobView(db, jobId);
}

/** The snapshot an earlier, interrupted try of this job created (same name, same creator, after the job). */
async function snapshotOfEarlierTry(db: Db, job: Job, name: string) {
  const row = await db.datasetSnapshot.findUnique({
    where: { name },
    select: { id: true, createdById: true, createdAt: true },
  });
  if (!row || row.createdById !== job.createdById || row.createdAt < job.createdAt) return null;
  return getSnapshot(db, { id: row.id });
}

async function getJobView(db: Db, jobId: string): Promise<ExportJobView> {
  const job = await db.job.findFirst({ where: { id: jobId, kind: "EXPORT" } });
  if (!job) throw notFound("The export job");
  return view(job);
}

const failIfInterrupted = (db: Db, job: Job, databaseUrl?: string): Promise<Job> =>
  failIfAbandoned(db, job, {
    queue: queueOf(job.params as unknown as ExportJobParams),
    error: INTERRUPTED,
    databaseUrl,
  });

/** The job as a page shows it; a job the queue gave up on is reported (and recorded) as FAILED. */
export async function getExportJob(
  db: Db,
  jobId: string,
  { databaseUrl }: { databaseUrl?: string } = {},
): Promise<ExportJobView> {
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) throw notFound("The export job");
  const job = await db.job.findFirst({ where: { id: jobId, kind: "EXPORT" } });
  if (!job) throw notFound("The export job");
  return view(await failIfInterrupted(db, job, databaseUrl));
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
  if (v.expired) {
    throw new AppError(
      "EXPORT_EXPIRED",
      `The file of this export was deleted ${exportRetentionDays()} days after it was made. Start the export again.`,
      410,
    );
  }
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

/** Days an export job's file is kept: PARALLAX_EXPORT_RETENTION_DAYS, default 7. */
export function exportRetentionDays(env: RawEnv = process.env): number {
  return parseEnv(env).PARALLAX_EXPORT_RETENTION_DAYS;
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
  { createdById, take = 20, databaseUrl }: { createdById: string; take?: number; databaseUrl?: string },
): Promise<ExportJobView[]> {
  const jobs = await listOwnJobs(db, "EXPORT", { createdById, take });
  return Promise.all(jobs.map(async (job) => view(await failIfInterrupted(db, job, databaseUrl))));
}
