/**
 * Running an export: validate the request, then stream the chosen format's
 * bytes into a Node Writable (a file, stdout) or a web ReadableStream (an HTTP
 * response), with progress and the SHA-256 computed on the way.
 *
 *   const plan = await prepareExport(db, { format: "jsonl", filter: { stories: ["x"] } });
 *   const result = await plan.writeTo(createWriteStream(path));   // or plan.toReadableStream()
 *
 * prepareExport throws the user's errors (unknown format, invalid filter,
 * unknown story…) before a byte is written, so an HTTP handler can still answer
 * 400. The same data always gives the same bytes.
 */
import { createHash } from "node:crypto";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { appUrl } from "../auth/config";
import type { Db } from "../db";
import { OffsetIndex } from "../text/code-points";
import { InconsistentSpanError } from "./errors";
import { parseExportFilter, type ExportFilter } from "./filter";
import { formatSpec, type ExportFormat, type FormatSpec, type Organization } from "./formats";
import type { RenderContext } from "./formats/types";
import { ExportReader, type ArticleChunk, type BatchSizes } from "./reader";
import { isPlaced } from "./records";
import { prismaQuery, resolveSelection, type ExportCounts, type Selection } from "./selection";
import { parseEnv, type RawEnv } from "../env";

export interface ExportRequest {
  format: string;
  filter?: unknown;
}

export interface ExportProgress {
  /** What `done` and `total` count: spans, or claims for ClaimReview. */
  unit: "spans" | "claims";
  done: number;
  total: number;
  articlesDone: number;
  articlesTotal: number;
  bytes: number;
}

export interface ExportOptions {
  /** The database to stream from (its own connection); default DATABASE_URL. */
  databaseUrl?: string;
  batch?: Partial<BatchSizes>;
  onProgress?: (progress: ExportProgress) => void;
  /** Least time between two progress reports (the last one always comes). Default 250 ms. */
  progressIntervalMs?: number;
  signal?: AbortSignal;
  /** ClaimReview's author; default PARALLAX_ORGANIZATION_NAME / _URL, else "Parallax newsroom". */
  organization?: Organization;
  /** The app's absolute URL, for ClaimReview's links to claim pages; default APP_URL. */
  siteUrl?: string;
  /** Start CSV with a UTF-8 byte-order mark (for Excel). Default true. */
  csvBom?: boolean;
  /** The user the export is for (their unfinished independent work hides others' layers; selection.ts). */
  viewerId?: string;
  /** Whether that user may read every annotator's layer (the layer "all", or another's). Default true. */
  readsAllLayers?: boolean;
  /** Whether annotators may be named by e-mail (SelectionOptions). Default true. */
  annotatorEmails?: boolean;
}

export interface ExportResult {
  format: ExportFormat;
  filter: ExportFilter;
  counts: ExportCounts;
  sha256: string;
  bytes: number;
  mediaType: string;
  extension: string;
}

/** The organization named as ClaimReview author, from the environment. */
export function configuredOrganization(raw: RawEnv = process.env): Organization {
  const env = parseEnv(raw);
  const name = env.PARALLAX_ORGANIZATION_NAME || "Parallax newsroom";
  const url = env.PARALLAX_ORGANIZATION_URL;
  return url ? { name, url } : { name };
}

export async function prepareExport(
  db: Db,
  request: ExportRequest,
  options: ExportOptions = {},
): Promise<PreparedExport> {
  const spec = formatSpec(request.format);
  const filter = parseExportFilter(request.filter);
  const selection = await resolveSelection(prismaQuery(db), filter, {
    viewerId: options.viewerId,
    readsAllLayers: options.readsAllLayers,
    annotatorEmails: options.annotatorEmails,
  });
  const databaseUrl = options.databaseUrl ?? parseEnv().DATABASE_URL;
  if (!databaseUrl) throw new Error("Exports stream over their own connection: pass databaseUrl or set DATABASE_URL.");
  return new PreparedExport(request.format as ExportFormat, spec, selection, { ...options, databaseUrl });
}

/** Articles' chunks, with every placed span checked: its quote must be the text at its offsets. */
async function* verified(chunks: AsyncIterable<ArticleChunk>): AsyncGenerator<ArticleChunk> {
  let index: OffsetIndex | null = null;
  for await (const chunk of chunks) {
    if (chunk.first) index = null;
    for (const s of chunk.spans) {
      if (!isPlaced(s, chunk.article)) continue;
      index ??= new OffsetIndex(chunk.article.text);
      if (s.end > index.length || index.slice(s.start, s.end) !== s.quote) {
        throw new InconsistentSpanError(s.id, chunk.article.id);
      }
    }
    yield chunk;
  }
}

const CHUNK_BYTES = 64 * 1024;

export class PreparedExport {
  readonly filter: ExportFilter;

  constructor(
    readonly format: ExportFormat,
    readonly spec: FormatSpec,
    private readonly selection: Selection,
    private readonly options: ExportOptions & { databaseUrl: string },
  ) {
    this.filter = selection.filter;
  }

  get mediaType(): string {
    return this.spec.mediaType;
  }

  /** A download name: `base.extension`. */
  fileName(base = "parallax-export"): string {
    return `${base}.${this.spec.extension}`;
  }

  /** The export's bytes in chunks of about 64 KiB; `result` is filled in when the last one is out. */
  private async *bytes(out: { result?: ExportResult }): AsyncGenerator<Buffer> {
    const { spec, options } = this;
    const reader = await ExportReader.open({
      databaseUrl: options.databaseUrl,
      selection: this.selection,
      shape: spec.shape(this.selection.spanCriteria),
      batch: options.batch,
      signal: options.signal,
    });
    try {
      const counts = await reader.counts();
      const progress: ExportProgress = {
        unit: spec.unit,
        done: 0,
        total: spec.unit === "claims" ? counts.claimReviews : counts.spans.total,
        articlesDone: 0,
        articlesTotal: spec.unit === "claims" ? 0 : counts.articles,
        bytes: 0,
      };
      const interval = options.progressIntervalMs ?? 250;
      let reported = 0;
      const report = (force = false) => {
        const now = performance.now();
        if (!options.onProgress || (!force && now - reported < interval)) return;
        reported = now;
        options.onProgress({ ...progress });
      };
      const ctx: RenderContext = {
        reader,
        counts,
        chunks: () => verified(reader.articles()),
        done(units, articles = 0) {
          progress.done += units;
          progress.articlesDone += articles;
          report();
        },
        organization: options.organization ?? configuredOrganization(),
        siteUrl: options.siteUrl ?? appUrl(),
        csvBom: options.csvBom ?? true,
      };
      report(true);

      const hash = createHash("sha256");
      let pending = "";
      const flush = () => {
        const buffer = Buffer.from(pending, "utf8");
        pending = "";
        hash.update(buffer);
        progress.bytes += buffer.length;
        return buffer;
      };
      for await (const text of spec.render(ctx)) {
        pending += text;
        if (pending.length >= CHUNK_BYTES) yield flush();
      }
      if (pending) yield flush();

      // One snapshot throughout: what was written is what was counted.
      if (progress.done !== progress.total || progress.articlesDone !== progress.articlesTotal) {
        throw new Error(
          `export wrote ${progress.done} ${spec.unit} in ${progress.articlesDone} articles, but counted ${progress.total} in ${progress.articlesTotal}`,
        );
      }
      report(true);
      out.result = {
        format: this.format,
        filter: this.filter,
        counts,
        sha256: hash.digest("hex"),
        bytes: progress.bytes,
        mediaType: spec.mediaType,
        extension: spec.extension,
      };
    } finally {
      await reader.close();
    }
  }

  /**
   * Streams the export into `destination` (with backpressure) and resolves
   * when it has been flushed. `end: false` leaves the destination open (stdout).
   */
  async writeTo(destination: Writable, { end = true }: { end?: boolean } = {}): Promise<ExportResult> {
    const out: { result?: ExportResult } = {};
    await pipeline(Readable.from(this.bytes(out), { objectMode: false }), destination, { end });
    return out.result!;
  }

  /** The export as a web stream (for a Response body); `result` settles when it ends. */
  toReadableStream(): { stream: ReadableStream<Uint8Array>; result: Promise<ExportResult> } {
    const out: { result?: ExportResult } = {};
    const iterator = this.bytes(out);
    let settle!: { resolve: (r: ExportResult) => void; reject: (e: unknown) => void };
    const result = new Promise<ExportResult>((resolve, reject) => (settle = { resolve, reject }));
    result.catch(() => {}); // the stream reports the error too; a caller may ignore `result`
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) {
            controller.close();
            settle.resolve(out.result!);
          } else {
            controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
          }
        } catch (error) {
          controller.error(error);
          settle.reject(error);
        }
      },
      async cancel(reason) {
        await iterator.return(undefined);
        settle.reject(reason ?? new Error("export cancelled"));
      },
    });
    return { stream, result };
  }
}
