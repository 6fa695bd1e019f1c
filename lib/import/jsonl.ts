/**
 * Bulk import of article JSONL (docs/formats.md), streamed: the file is read
 * line by line, each line validated and normalized on its own, and accepted
 * lines written in batches (see ./write.ts) while the next batch is read.
 * One bad line is rejected with its line number and reason and never blocks
 * the others; one article is written whole or not at all.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { AuditActor } from "../audit/log";
import type { Db, Tx } from "../db";
import { ImportError } from "./errors";
import { MAX_LINE_BYTES } from "./limits";
import { parseJsonObject, readLines, type Line } from "./lines";
import { prepareArticle, type PreparedArticle } from "./prepare";
import { importLineSchema } from "./schema";
import { describeLineProblem } from "./span-faults";
import { loadTaxonomy } from "./taxonomy";
import { ImportStopped, writeArticles, type ArticleOutcome, type ImportActor, type WrittenOutcome } from "./write";

export type JsonlSource =
  /** A file on the server's disk. */
  | { path: string }
  /** The whole file in memory (a small upload, a test). */
  | { content: string | Uint8Array }
  /** Any byte stream (an upload being received); `totalBytes` enables a percentage. */
  | { stream: AsyncIterable<Uint8Array | string>; totalBytes?: number | null };

export interface ImportProgress {
  /** Lines read (blank ones included) and bytes read so far. */
  lines: number;
  bytes: number;
  /** Size of the input when known. */
  totalBytes: number | null;
  imported: number;
  updated: number;
  skipped: number;
  rejected: number;
}

export interface ImportOptions {
  /** Who imports: recorded on spans and revisions. */
  actor?: ImportActor;
  /** Put every article in this story, whatever the lines say (created when new). */
  story?: { key: string; title?: string };
  /** Validate and plan everything, write nothing; the report says what would happen. */
  dryRun?: boolean;
  /** Called as lines are read and written (at most every `progressIntervalMs`, and at the end). */
  onProgress?: (progress: ImportProgress) => void;
  progressIntervalMs?: number;
  /** Stops reading; what was read so far is still written, and the report says `aborted`. */
  signal?: AbortSignal;
  /** Articles per write transaction (default 200). */
  batchSize?: number;
  maxLineBytes?: number;
  /** Rewrites each line's JSON object before it is checked (e.g. merges spans from a spans file). */
  transformLine?: (line: Record<string, unknown>) => Record<string, unknown>;
  /**
   * Called once per batch with the state of the import up to the batch's
   * last line — inside the batch's write transaction when it has one, so a
   * checkpoint stored there holds exactly when the batch does. Throwing
   * ImportStopped undoes the batch and ends the import with that error.
   */
  checkpoint?: (db: Db | Tx, state: ImportCheckpoint) => Promise<void>;
  /**
   * Goes on from a checkpoint of an earlier, interrupted run over the same
   * source: its lines up to `checkpoint.line` are read but not imported again
   * (transformLine still sees them), and the report starts from its counts.
   */
  resume?: ImportCheckpoint | null;
  /** Inside every write transaction, with what it wrote (e.g. an audit event). */
  onWrite?: (tx: Tx, written: WrittenOutcome[]) => Promise<void>;
  /** Audit every written batch as this user, in the batch's own transaction (write.ts). */
  auditActor?: AuditActor | null;
}

/**
 * Where an import stands after a batch: every line up to `line` is done
 * (written, skipped or rejected) and counted here; `bytes` were read.
 */
export type ImportCheckpoint = Omit<ImportReport, "dryRun" | "aborted"> & { line: number };

export interface ImportReport {
  imported: number;
  updated: number;
  skipped: number;
  /** Every rejected line, in line order, with its reason. */
  rejected: { line: number; reason: string }[];
  /** Things worth knowing that did not stop a line (a duplicate span, orphaned spans…). */
  warnings: { line: number; message: string }[];
  /** Non-blank lines read. */
  lines: number;
  bytes: number;
  spans: number;
  entities: number;
  claims: number;
  /** New revisions of existing articles, and spans those could not place (kept, flagged). */
  revisions: number;
  orphanedSpans: number;
  dryRun: boolean;
  aborted: boolean;
  durationMs: number;
}

/** What the audit log keeps of a JSONL import (`article.import`), however it was started. */
export function importAuditDetail(report: ImportReport) {
  return {
    format: "jsonl",
    imported: report.imported,
    updated: report.updated,
    skipped: report.skipped,
    rejected: report.rejected.length,
    spans: report.spans,
  };
}

const MAX_BATCH_BYTES = 8 * 1024 * 1024;
const MAX_WARNINGS = 10_000;

/**
 * Imports article JSONL. Resolves with the report; rejects only when the
 * source cannot be read at all (ImportError UNREADABLE) — after writing
 * whatever was read before a read error.
 */
export async function importJsonl(db: Db, source: JsonlSource, options: ImportOptions = {}): Promise<ImportReport> {
  const resume = options.resume ?? null;
  const started = performance.now() - (resume?.durationMs ?? 0);
  const { chunks, totalBytes } = await open(source);
  const taxonomy = await loadTaxonomy(db, { dryRun: options.dryRun });
  const ctx = {
    db,
    taxonomy,
    actor: options.actor ?? { id: null },
    dryRun: options.dryRun ?? false,
    onWrite: options.onWrite,
    auditActor: options.auditActor ?? null,
  };
  const batchSize = Math.max(1, options.batchSize ?? 200);
  const report: ImportReport = {
    imported: resume?.imported ?? 0,
    updated: resume?.updated ?? 0,
    skipped: resume?.skipped ?? 0,
    rejected: [...(resume?.rejected ?? [])],
    warnings: [...(resume?.warnings ?? [])],
    lines: resume?.lines ?? 0,
    // Counted again as the source is read from its start.
    bytes: 0,
    spans: resume?.spans ?? 0,
    entities: resume?.entities ?? 0,
    claims: resume?.claims ?? 0,
    revisions: resume?.revisions ?? 0,
    orphanedSpans: resume?.orphanedSpans ?? 0,
    dryRun: ctx.dryRun,
    aborted: false,
    durationMs: 0,
  };
  let linesRead = 0;
  let lastProgress = 0;
  const interval = options.progressIntervalMs ?? 100;
  const progress = (force = false) => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - lastProgress < interval) return;
    lastProgress = now;
    options.onProgress({
      lines: linesRead,
      bytes: report.bytes,
      totalBytes,
      imported: report.imported,
      updated: report.updated,
      skipped: report.skipped,
      rejected: report.rejected.length,
    });
  };
  const record = (outcomes: ArticleOutcome[]) => {
    tally(report, outcomes);
    progress();
  };

  // Lines that must see each other's writes (same article, same span id)
  // never share a batch; batches are written one after another.
  let batch: PreparedArticle[] = [];
  let batchBytes = 0;
  const keys = new Set<string>();
  let writing: Promise<void> = Promise.resolve();
  // The checkpoint of a batch: the report as it stands when the batch is cut
  // (every line up to `line` counted but the batch's own), plus its outcomes.
  const checkpointOf = (line: number, bytes: number) => {
    const base = { ...report, rejected: [...report.rejected], warnings: [...report.warnings] };
    return (outcomes: ArticleOutcome[]): ImportCheckpoint => {
      const state: ImportReport = { ...base, rejected: [...base.rejected], warnings: [...base.warnings] };
      tally(state, outcomes);
      const { dryRun: _dryRun, aborted: _aborted, ...counts } = state;
      return {
        ...counts,
        line,
        bytes,
        rejected: state.rejected.sort((a, b) => a.line - b.line),
        durationMs: Math.round(performance.now() - started),
      };
    };
  };
  // Lines up to `line` (`bytes` read) are in this batch or before it.
  const flush = async (line: number, bytes: number) => {
    const articles = batch;
    batch = [];
    batchBytes = 0;
    keys.clear();
    await writing;
    if (!articles.length) return;
    const checkpoint = options.checkpoint;
    const stateAfter = checkpoint ? checkpointOf(line, bytes) : null;
    writing = writeArticles(
      ctx,
      articles,
      checkpoint && stateAfter ? (client, outcomes) => checkpoint(client, stateAfter(outcomes)) : undefined,
    ).then(record);
    // Awaited by the next flush; a stop must not surface as an unhandled rejection meanwhile.
    writing.catch(() => {});
  };

  let readError: unknown = null;
  let done = { line: 0, bytes: 0 };
  try {
    for await (const line of readLines(chunks, { maxLineBytes: options.maxLineBytes ?? MAX_LINE_BYTES })) {
      if (options.signal?.aborted) {
        report.aborted = true;
        break;
      }
      linesRead = line.number;
      report.bytes += line.bytes;
      if (resume && line.number <= resume.line) {
        // Done by the earlier run; the spans merger still needs to see it.
        if (line.ok && options.transformLine && line.text.trim() !== "") parseLine(line.text, options.transformLine);
        done = { line: line.number, bytes: report.bytes };
        continue;
      }
      try {
        if (await takeLine(line)) await flush(line.number, report.bytes);
      } finally {
        done = { line: line.number, bytes: report.bytes };
      }
      progress();
    }
  } catch (error) {
    if (error instanceof ImportStopped) throw error;
    readError = error;
  }
  await flush(done.line, done.bytes);
  await writing;
  report.rejected.sort((a, b) => a.line - b.line);
  report.warnings.sort((a, b) => a.line - b.line);
  report.durationMs = Math.round(performance.now() - started);
  progress(true);
  if (readError) {
    const message = readError instanceof Error ? readError.message : String(readError);
    throw new ImportError("UNREADABLE", `the input could not be read to the end: ${message}`, { report });
  }
  return report;

  /** Checks one line and adds it to the batch; true when the batch is full. */
  async function takeLine(line: Line): Promise<boolean> {
    if (!line.ok) {
      report.lines++;
      report.rejected.push({ line: line.number, reason: line.reason });
      return false;
    }
    if (line.text.trim() === "") return false;
    report.lines++;
    const parsed = parseLine(line.text, options.transformLine);
    if (!parsed.ok) {
      report.rejected.push({ line: line.number, reason: parsed.reason });
      return false;
    }
    const prepared = prepareArticle(line.number, parsed.value, {
      taxonomy,
      storyKey: options.story?.key,
      storyTitle: options.story?.title,
    });
    if (!prepared.ok) {
      report.rejected.push({ line: line.number, reason: prepared.reason });
      return false;
    }
    const article = prepared.article;
    const identity = identityKeys(article);
    // The batch so far ends with the line before this one.
    if (identity.some((k) => keys.has(k))) await flush(done.line, done.bytes);
    for (const k of identity) keys.add(k);
    batch.push(article);
    batchBytes += article.bytes;
    return batch.length >= batchSize || batchBytes >= MAX_BATCH_BYTES;
  }
}

/** Adds a batch's outcomes to the report. */
function tally(report: ImportReport, outcomes: readonly ArticleOutcome[]): void {
  for (const o of outcomes) {
    if (o.action === "rejected") {
      report.rejected.push({ line: o.line, reason: o.reason });
      continue;
    }
    report[o.action]++;
    report.spans += o.spansCreated;
    report.entities += o.entitiesCreated;
    report.claims += o.claimsCreated;
    if (o.revision) {
      report.revisions++;
      report.orphanedSpans += o.revision.orphaned;
    }
    for (const w of o.warnings) {
      if (report.warnings.length < MAX_WARNINGS) report.warnings.push({ line: o.line, message: w });
    }
  }
}

/** Keys by which two lines may name the same article or span. */
function identityKeys(a: PreparedArticle): string[] {
  const keys = [`story-hash:${a.storyKey}:${a.contentHash}`];
  if (a.id) keys.push(`id:${a.id}`);
  if (a.externalId) keys.push(`ext:${a.externalId}`);
  for (const s of a.spans) if (s.id) keys.push(`span:${s.id}`);
  return keys;
}

type Parsed = { ok: true; value: import("./schema").ImportLine } | { ok: false; reason: string };

/** JSON, then the line schema; the reason says exactly what is wrong. */
export function parseLine(text: string, transform?: ImportOptions["transformLine"]): Parsed {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return parsed;
  const json = transform ? transform(parsed.value) : parsed.value;
  const result = importLineSchema.safeParse(json);
  if (!result.success) return { ok: false, reason: describeLineProblem(json, result.error) };
  return { ok: true, value: result.data };
}

async function open(
  source: JsonlSource,
): Promise<{ chunks: AsyncIterable<Uint8Array | string>; totalBytes: number | null }> {
  if ("path" in source) {
    try {
      const info = await stat(source.path);
      if (!info.isFile()) throw new Error("not a regular file");
      const stream = createReadStream(source.path, { highWaterMark: 1024 * 1024 });
      await new Promise<void>((resolve, reject) => {
        stream.once("open", () => resolve());
        stream.once("error", reject);
      });
      return { chunks: stream, totalBytes: info.size };
    } catch (error) {
      throw new ImportError(
        "UNREADABLE",
        `cannot read ${source.path}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if ("content" in source) {
    const content = source.content;
    const size = typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
    return {
      chunks: (async function* () {
        yield content;
      })(),
      totalBytes: size,
    };
  }
  return { chunks: source.stream, totalBytes: source.totalBytes ?? null };
}
