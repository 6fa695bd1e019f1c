/**
 * JSONL imports as background jobs, so a large import survives a page
 * reload, a closed connection and a server restart, and its report can be
 * opened again later.
 *
 *   const job = await startImportJob(db, { source, spans, options }, actor);  // stored, QUEUED, queued
 *   // a worker (lib/jobs/worker.ts) calls runImportJob(db, job.id, { attempt })
 *   await getImportJob(db, job.id);                                            // poll
 *
 * The upload is stored first under PARALLAX_DATA_DIR (`imports/ID.jsonl`,
 * and `imports/ID.spans.jsonl`), the folder every instance shares, so any
 * instance's worker can run the job. The Job row holds the request, the
 * live progress (in `result` while the job runs), the checkpoint and, at
 * the end, the report (`result`) or the error.
 *
 * Exactly once: each batch's write transaction also stores the checkpoint
 * (the report up to the batch's last line) and an audit event naming the
 * articles it wrote, and only while the row still belongs to this try. A
 * later try (the queue's retry after an error, or after the process died)
 * takes the row over with its higher attempt number and goes on from the
 * checkpoint; a try that lost the row can no longer commit a batch. The
 * final report and its `article.import` event are written together, once.
 */
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { audit, type AuditActor } from "../audit/log";
import type { Db, Prisma, Tx } from "../db";
import { AppError, notFound } from "../errors";
import { datasetsDir, resolveDataPath, writeNewFile } from "../export/storage";
import type { Job } from "../generated/prisma/client";
import { claimJob, failIfAbandoned, heldBy, listOwnJobs, progressWriter } from "../jobs/job-rows";
import { enqueue, QUEUE_NAMES, runnerId } from "../jobs/queue";
import { parseInput } from "../validation";
import { ImportError } from "./errors";
import {
  importAuditDetail,
  importJsonl,
  type ImportCheckpoint,
  type ImportProgress,
  type ImportReport,
  type JsonlSource,
} from "./jsonl";
import { readSpansFile, spansMerger, type SpansFileReport } from "./spans-file";
import { ImportStopped, type WrittenOutcome } from "./write";

export interface ImportJobRequest {
  /** The JSONL: a stream being received, bytes in memory, or a file (copied). */
  source: JsonlSource;
  /** A spans file (gold-spans.jsonl format), merged in by external_id. */
  spans?: string | Uint8Array | null;
  /** story, storyTitle, dryRun (form strings allowed). */
  options?: unknown;
  /** The uploaded file's name, shown in the history. */
  fileName?: string | null;
}

export const importJobOptionsSchema = z.object({
  story: z
    .string()
    .trim()
    .max(200, "must be at most 200 characters")
    .nullish()
    .transform((v) => v || null),
  storyTitle: z
    .string()
    .trim()
    .max(500, "must be at most 500 characters")
    .nullish()
    .transform((v) => v || null),
  dryRun: z
    .union([z.boolean(), z.string()])
    .nullish()
    .transform((v) => v === true || v === "true" || v === "1" || v === "on"),
});

interface ImportJobParams {
  format: "jsonl";
  /** Data-folder paths of the stored upload. */
  file: string;
  spansFile: string | null;
  fileName: string | null;
  bytes: number;
  story: string | null;
  storyTitle: string | null;
  dryRun: boolean;
}

/** What a finished import answers: the same shape as a direct import's result. */
export interface ImportJobResult {
  kind: "jsonl";
  report: ImportReport;
  spansFile: SpansFileReport | null;
}

export interface ImportJobView {
  id: string;
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  fileName: string | null;
  bytes: number;
  dryRun: boolean;
  story: string | null;
  /** While the job runs: bytes read, lines, counts so far (the counts as of the last written batch). */
  progress: ImportProgress | null;
  /** When DONE: the report. */
  result: ImportJobResult | null;
  /** When FAILED: why, and what the import had written before it stopped. */
  error: { code: string; message: string; report: ImportReport | null } | null;
  createdById: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ImportJobOptions {
  dataDir?: string;
  /** Which try of the job this is (0 = the first); a later try takes over a row an earlier one left RUNNING. */
  attempt?: number;
  /** Whether an unexpected error is final; when false the row goes back to QUEUED and the error is thrown. */
  finalAttempt?: boolean;
  signal?: AbortSignal;
  /** Least time between two progress writes to the row. Default 500 ms. */
  progressWriteMs?: number;
  /** Articles per batch (tests). */
  batchSize?: number;
  /** Called after each committed batch (tests). */
  onCheckpoint?: (state: ImportCheckpoint) => void | Promise<void>;
}

export const IMPORT_INTERRUPTED = "Interrupted: the import stopped and could not be finished. Import the file again.";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface StoredResult {
  /** While running. */
  progress?: ImportProgress;
  /** When DONE. */
  final?: ImportJobResult;
  /** When FAILED. */
  code?: string;
}

function view(job: Job): ImportJobView {
  const params = job.params as unknown as ImportJobParams;
  const stored = (job.result as unknown as StoredResult | null) ?? {};
  const checkpoint = job.checkpoint as unknown as ImportCheckpoint | null;
  const running = job.status === "QUEUED" || job.status === "RUNNING";
  const partial = checkpoint ? reportOf(checkpoint, params.dryRun, true) : null;
  return {
    id: job.id,
    status: job.status,
    fileName: params.fileName,
    bytes: params.bytes,
    dryRun: params.dryRun,
    story: params.story,
    progress: running
      ? {
          lines: stored.progress?.lines ?? checkpoint?.line ?? 0,
          bytes: stored.progress?.bytes ?? checkpoint?.bytes ?? 0,
          totalBytes: params.bytes,
          imported: checkpoint?.imported ?? 0,
          updated: checkpoint?.updated ?? 0,
          skipped: checkpoint?.skipped ?? 0,
          rejected: checkpoint?.rejected.length ?? 0,
        }
      : null,
    result: job.status === "DONE" ? (stored.final ?? null) : null,
    error:
      job.status === "FAILED"
        ? { code: stored.code ?? "INTERRUPTED", message: job.error ?? IMPORT_INTERRUPTED, report: partial }
        : null,
    createdById: job.createdById,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

function reportOf(checkpoint: ImportCheckpoint, dryRun: boolean, aborted: boolean): ImportReport {
  const { line: _line, ...counts } = checkpoint;
  return { ...counts, dryRun, aborted };
}

const uploadPath = (id: string) => `imports/${id}.jsonl`;
const spansPath = (id: string) => `imports/${id}.spans.jsonl`;

async function store(file: string, chunks: AsyncIterable<Uint8Array | string>): Promise<number> {
  return writeNewFile(file, async (out) => {
    let bytes = 0;
    const counted = Readable.from(
      (async function* () {
        for await (const chunk of chunks) {
          const buffer = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
          bytes += buffer.byteLength;
          yield buffer;
        }
      })(),
    );
    await pipeline(counted, out);
    return bytes;
  });
}

async function removeUpload(dataDir: string, id: string): Promise<void> {
  await fs.rm(resolveDataPath(dataDir, uploadPath(id)), { force: true });
  await fs.rm(resolveDataPath(dataDir, spansPath(id)), { force: true });
}

/**
 * Checks the request, stores the upload in the data folder, records the
 * job (audited `article.import.started`) and queues it. A spans file or an
 * option that is wrong is refused here, before anything is stored.
 */
export async function startImportJob(
  db: Db,
  request: ImportJobRequest,
  actor: AuditActor,
  { dataDir = datasetsDir(), databaseUrl }: { dataDir?: string; databaseUrl?: string } = {},
): Promise<ImportJobView> {
  const options = parseInput(importJobOptionsSchema, request.options ?? {});
  if (request.spans) await readSpansFile(request.spans);
  const id = randomUUID();
  let bytes: number;
  try {
    const source = request.source;
    const chunks =
      "content" in source
        ? (async function* () {
            yield source.content;
          })()
        : "path" in source
          ? createReadStream(source.path)
          : source.stream;
    bytes = await store(resolveDataPath(dataDir, uploadPath(id)), chunks);
    if (request.spans) {
      const spans = request.spans;
      await store(
        resolveDataPath(dataDir, spansPath(id)),
        (async function* () {
          yield spans;
        })(),
      );
    }
  } catch (error) {
    await removeUpload(dataDir, id);
    if (error instanceof AppError) throw error;
    throw new ImportError(
      "UNREADABLE",
      `the upload could not be received: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const params: ImportJobParams = {
    format: "jsonl",
    file: uploadPath(id),
    spansFile: request.spans ? spansPath(id) : null,
    fileName: request.fileName?.slice(0, 500) || null,
    bytes,
    story: options.story,
    storyTitle: options.storyTitle,
    dryRun: options.dryRun,
  };
  const job = await db.$transaction(async (tx) => {
    const created = await tx.job.create({
      data: {
        id,
        kind: "IMPORT",
        status: "QUEUED",
        params: params as unknown as Prisma.InputJsonValue,
        filePath: params.file,
        createdById: actor.id,
      },
    });
    await audit(tx, {
      action: "article.import.started",
      actor,
      target: { type: "Job", id },
      detail: { fileName: params.fileName, bytes, dryRun: params.dryRun, spansFile: params.spansFile !== null },
    });
    return created;
  });
  try {
    await enqueue(QUEUE_NAMES.import, id, { databaseUrl });
  } catch (error) {
    await db.job.update({
      where: { id },
      data: { status: "FAILED", error: "The import could not be queued.", finishedAt: new Date(), filePath: null },
    });
    await removeUpload(dataDir, id);
    throw error;
  }
  return view(job);
}

/**
 * Runs one try of an import job to its end and returns its final state. A
 * job that is finished, or held by a try not older than this one, is left
 * alone and returned as it is.
 */
export async function runImportJob(db: Db, jobId: string, options: ImportJobOptions = {}): Promise<ImportJobView> {
  const attempt = options.attempt ?? 0;
  if (!(await claimJob(db, { id: jobId, kind: "IMPORT", attempt }))) return getJobView(db, jobId);
  return execute(db, jobId, attempt, options);
}

async function execute(db: Db, jobId: string, attempt: number, options: ImportJobOptions): Promise<ImportJobView> {
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const params = job.params as unknown as ImportJobParams;
  const dataDir = options.dataDir ?? datasetsDir();
  const mine = heldBy(jobId, attempt);
  const actor: AuditActor | null = job.createdById
    ? await db.user.findUnique({ where: { id: job.createdById }, select: { id: true, email: true } })
    : null;

  // Fails the transaction it runs in when a later try has taken the row.
  const assertMine = async (client: Db | Tx, data: Prisma.JobUpdateManyMutationInput) => {
    const { count } = await client.job.updateMany({ where: mine, data });
    if (count === 0) throw new ImportStopped("A later try of this import has taken it over.");
  };

  const progress = progressWriter(db, mine, options.progressWriteMs ?? 500);
  const onProgress = (p: ImportProgress) =>
    progress.write({ progress: p.lines, result: { progress: p } as unknown as Prisma.InputJsonValue });

  let data: Prisma.JobUpdateManyMutationInput;
  let finalAudit: Parameters<typeof audit>[1] | null = null;
  try {
    const merger = params.spansFile
      ? spansMerger(await readSpansFile(await fs.readFile(resolveDataPath(dataDir, params.spansFile))))
      : null;
    const report = await importJsonl(
      db,
      { path: resolveDataPath(dataDir, params.file) },
      {
        actor: { id: job.createdById },
        story: params.story ? { key: params.story, title: params.storyTitle ?? undefined } : undefined,
        dryRun: params.dryRun,
        signal: options.signal,
        batchSize: options.batchSize,
        transformLine: merger?.merge,
        resume: job.checkpoint as unknown as ImportCheckpoint | null,
        onProgress,
        progressIntervalMs: 0,
        onWrite: async (tx, written) => {
          await assertMine(tx, { runner: runnerId() });
          await audit(tx, {
            action: "article.import.batch",
            actor,
            target: { type: "Job", id: jobId },
            detail: batchDetail(written),
          });
        },
        checkpoint: async (client, state) => {
          await assertMine(client, { checkpoint: state as unknown as Prisma.InputJsonValue });
          await options.onCheckpoint?.(state);
        },
      },
    );
    if (report.aborted) {
      // Stopped (shutting down): another try goes on from the checkpoint.
      throw new Error("The import was stopped before the end of the file.");
    }
    const result: ImportJobResult = { kind: "jsonl", report, spansFile: merger?.report() ?? null };
    data = {
      status: "DONE",
      progress: report.lines,
      result: { final: result } as unknown as Prisma.InputJsonValue,
      filePath: null,
      finishedAt: new Date(),
    };
    if (!params.dryRun) {
      finalAudit = {
        action: "article.import",
        actor,
        target: { type: "Job", id: jobId },
        detail: importAuditDetail(report),
      };
    }
  } catch (error) {
    await progress.settled();
    if (error instanceof ImportStopped) return getJobView(db, jobId);
    const refusal = error instanceof AppError;
    if (!refusal && options.finalAttempt === false) {
      // Back to the queue, which tries again after a pause, from the checkpoint.
      await db.job.updateMany({ where: mine, data: { status: "QUEUED" } });
      throw error;
    }
    data = {
      status: "FAILED",
      error: refusal ? error.message : `The import failed: ${error instanceof Error ? error.message : String(error)}`,
      result: { code: refusal ? error.code : "INTERNAL" } as unknown as Prisma.InputJsonValue,
      filePath: null,
      finishedAt: new Date(),
    };
  }
  await progress.settled();
  const finished = await db
    .$transaction(async (tx) => {
      await assertMine(tx, data);
      if (finalAudit) await audit(tx, finalAudit);
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof ImportStopped) return false;
      throw error;
    });
  if (finished) await removeUpload(dataDir, jobId).catch(() => {});
  return getJobView(db, jobId);
}

/** An audit event's detail for one write transaction: the lines and the articles it wrote. */
function batchDetail(written: readonly WrittenOutcome[]): Prisma.InputJsonValue {
  const lines = written.map((o) => o.line);
  return {
    lines: [Math.min(...lines), Math.max(...lines)],
    imported: written.filter((o) => o.action === "imported").map((o) => o.articleId),
    updated: written.filter((o) => o.action === "updated").map((o) => o.articleId),
    spans: written.reduce((n, o) => n + o.spansCreated, 0),
  };
}

async function getJobView(db: Db, jobId: string): Promise<ImportJobView> {
  const job = await db.job.findFirst({ where: { id: jobId, kind: "IMPORT" } });
  if (!job) throw notFound("The import job");
  return view(job);
}

/** A row the queue gave up on, recorded as FAILED; its report so far is the checkpoint's. */
const failIfInterrupted = (db: Db, job: Job, databaseUrl?: string): Promise<Job> =>
  failIfAbandoned(db, job, { queue: QUEUE_NAMES.import, error: IMPORT_INTERRUPTED, databaseUrl });

/** The job as a page shows it; one the queue gave up on is reported (and recorded) as FAILED. */
export async function getImportJob(
  db: Db,
  jobId: string,
  { databaseUrl }: { databaseUrl?: string } = {},
): Promise<ImportJobView> {
  if (!UUID.test(jobId)) throw notFound("The import job");
  const job = await db.job.findFirst({ where: { id: jobId, kind: "IMPORT" } });
  if (!job) throw notFound("The import job");
  return view(await failIfInterrupted(db, job, databaseUrl));
}

/** Waits until the job is DONE or FAILED (or `signal` aborts: then as it is). */
export async function waitForImportJob(
  db: Db,
  jobId: string,
  {
    signal,
    intervalMs = 250,
    onChange,
  }: { signal?: AbortSignal; intervalMs?: number; onChange?: (job: ImportJobView) => void } = {},
): Promise<ImportJobView> {
  let last = "";
  let checks = 0;
  for (;;) {
    // The queue is asked only now and then; the row says nearly everything.
    const job =
      checks++ % 20 === 19
        ? await getImportJob(db, jobId)
        : view(await db.job.findUniqueOrThrow({ where: { id: jobId } }));
    const seen = JSON.stringify([job.status, job.progress]);
    if (seen !== last) {
      last = seen;
      onChange?.(job);
    }
    if (job.status === "DONE" || job.status === "FAILED" || signal?.aborted) return job;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A user's import jobs, newest first (the import page's history). */
export async function listImportJobs(
  db: Db,
  { createdById, take = 20, databaseUrl }: { createdById: string; take?: number; databaseUrl?: string },
): Promise<ImportJobView[]> {
  const jobs = await listOwnJobs(db, "IMPORT", { createdById, take });
  return Promise.all(jobs.map(async (job) => view(await failIfInterrupted(db, job, databaseUrl))));
}

/** Deletes stored uploads of imports that have ended (normally gone at once; left by a crash). Returns how many. */
export async function deleteEndedImportUploads(
  db: Db,
  { dataDir = datasetsDir() }: { dataDir?: string } = {},
): Promise<number> {
  const jobs = await db.job.findMany({
    where: { kind: "IMPORT", filePath: { not: null }, status: { in: ["DONE", "FAILED"] } },
    select: { id: true },
  });
  for (const job of jobs) {
    await removeUpload(dataDir, job.id);
    await db.job.update({ where: { id: job.id }, data: { filePath: null } });
  }
  return jobs.length;
}
