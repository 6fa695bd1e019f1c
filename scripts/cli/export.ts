/**
 * `npm run cli -- export`: streams a dataset export to a file or stdout, shows
 * the counts first with --preview, or freezes it as a named snapshot.
 * Progress goes to stderr, so `--out -` leaves stdout to the data.
 */
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { pipeline } from "node:stream/promises";
import type { Writable } from "node:stream";
import { AppError } from "../../lib/errors";
import {
  createSnapshot,
  describeFilter,
  FORMAT_IDS,
  openSnapshot,
  prepareExport,
  previewExport,
  type ExportFilterInput,
  type ExportProgress,
} from "../../lib/export";
import type { CliCommand, CliContext } from "./types";

const HELP = `usage: npm run cli -- export --format FORMAT --out FILE|- [FILTERS…]
       npm run cli -- export --preview [--format FORMAT] [FILTERS…]
       npm run cli -- export --format FORMAT --snapshot NAME [--description TEXT] [--with-agreement]
                             [--actor EMAIL] [--out FILE|-]

Formats (docs/formats.md):
  jsonl        Parallax JSONL: lossless, one article per line (re-importable)
  webanno      W3C Web Annotation, JSON-LD, one annotation per line
  claimreview  schema.org ClaimReview (JSON-LD DataFeed), claims with a verdict
  conll        CoNLL 2003 style BIO tokens (entities)
  csv          one row per span, for spreadsheets

Filters (repeat an option for several values; no filter exports everything):
  --story KEY             story key
  --language TAG          language version (BCP 47: sv, en, zh-Hans…)
  --outlet NAME           article outlet
  --label KEY             label (PERSON, ORG, GPE, CLAIM…)
  --kind entity|claim
  --annotator EMAIL|ID    spans created by this user
  --status STATUS         review status: PENDING, APPROVED, REJECTED
  --layer LAYER           annotation layer: curated, shared, all, or an annotator's
                          e-mail (their own layer); default: curated where a version
                          has one, else shared
  --from DATE, --to DATE  spans created in this range (UTC days, --to included;
                          or ISO timestamps)
  --updated-from DATE, --updated-to DATE     spans last changed in this range
  --published-from DATE, --published-to DATE articles published in this range

Output:
  --out FILE|-            the file (written in full or not at all) or - for stdout
  --preview               print the counts the export would write, as JSON
  --snapshot NAME         freeze the export as an immutable, named dataset snapshot
                          (PARALLAX_DATA_DIR, default .data/datasets); names are unique
  --description TEXT      the snapshot's description
  --with-agreement        freeze the agreement report over the snapshot's language
                          versions beside it (refused when none was annotated
                          independently); \`datasets get NAME --agreement\` reads it
  --actor EMAIL           the user recorded as the snapshot's creator
  --no-bom                CSV without the UTF-8 byte-order mark
  --batch-size N          spans per database page (default 2000)
  --quiet                 no progress on stderr
  --stats-json            a last stderr line of JSON: counts, time, peak memory

Exit status: 0 done, 2 bad arguments or filter, 1 failure.`;

const OPTIONS = {
  format: { type: "string" },
  out: { type: "string" },
  preview: { type: "boolean" },
  snapshot: { type: "string" },
  description: { type: "string" },
  "with-agreement": { type: "boolean" },
  actor: { type: "string" },
  story: { type: "string", multiple: true },
  language: { type: "string", multiple: true },
  outlet: { type: "string", multiple: true },
  label: { type: "string", multiple: true },
  kind: { type: "string", multiple: true },
  annotator: { type: "string", multiple: true },
  layer: { type: "string" },
  status: { type: "string", multiple: true },
  from: { type: "string" },
  to: { type: "string" },
  "updated-from": { type: "string" },
  "updated-to": { type: "string" },
  "published-from": { type: "string" },
  "published-to": { type: "string" },
  "no-bom": { type: "boolean" },
  "batch-size": { type: "string" },
  quiet: { type: "boolean" },
  "stats-json": { type: "boolean" },
} as const;

class UsageError extends Error {}

const range = (from?: string, to?: string) => (from || to ? { from, to } : undefined);

function parse(args: string[]) {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const filter: ExportFilterInput = {
    stories: values.story,
    languages: values.language,
    outlets: values.outlet,
    labels: values.label,
    kinds: values.kind as ExportFilterInput["kinds"],
    annotators: values.annotator,
    reviewStatuses: values.status as ExportFilterInput["reviewStatuses"],
    layer: values.layer,
    created: range(values.from, values.to),
    updated: range(values["updated-from"], values["updated-to"]),
    published: range(values["published-from"], values["published-to"]),
  };
  let batch: number | undefined;
  if (values["batch-size"] !== undefined) {
    batch = Number(values["batch-size"]);
    if (!Number.isInteger(batch) || batch < 1) throw new UsageError("--batch-size must be a positive integer");
  }
  if (!values.preview) {
    if (!values.format) throw new UsageError(`--format is required (${FORMAT_IDS.join(", ")})`);
    if (!values.out && !values.snapshot) throw new UsageError("--out FILE (or - for stdout) is required");
    if (values["with-agreement"] && !values.snapshot) throw new UsageError("--with-agreement needs --snapshot NAME");
  }
  return { values, filter, batch };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const num = (n: number) => n.toLocaleString("en-US");

/** Progress on stderr: one line redrawn on a terminal, a line every few seconds otherwise. */
function progressPrinter(quiet: boolean) {
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  return {
    update(p: ExportProgress) {
      if (quiet) return;
      const now = Date.now();
      if (!tty && (now - lastLine < 5000 || p.done === 0)) return;
      lastLine = now;
      const pct = p.total ? Math.floor((p.done / p.total) * 100) : 100;
      const articles = p.articlesTotal ? ` · ${num(p.articlesDone)}/${num(p.articlesTotal)} articles` : "";
      const line = `[export] ${pct}% ${num(p.done)}/${num(p.total)} ${p.unit}${articles} · ${mb(p.bytes)}`;
      process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
    },
    end() {
      if (!quiet && tty) process.stderr.write("\n");
    },
  };
}

/** Writes to FILE through a temporary file renamed into place, so a failed export leaves no half file. */
async function toFile<T>(file: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    const result = await write(createWriteStream(partial));
    await fs.rename(partial, file);
    return result;
  } finally {
    await fs.rm(partial, { force: true });
  }
}

async function findActor(ctx: CliContext, email: string | undefined) {
  if (!email) return null;
  const user = await ctx.db.user.findFirst({
    where: { email: { equals: email, mode: "insensitive" } },
    select: { id: true, email: true },
  });
  if (!user) throw new UsageError(`--actor: no user with e-mail ${email}`);
  return user;
}

async function run(args: string[], ctx: CliContext): Promise<number> {
  const { values, filter, batch } = parse(args);
  const { db, databaseUrl } = ctx;

  if (values.preview) {
    const preview = await previewExport(db, filter, { format: values.format });
    console.log(JSON.stringify(preview, null, 2));
    return 0;
  }

  const format = values.format!;
  const progress = progressPrinter(!!values.quiet);
  const options = {
    databaseUrl,
    batch: batch ? { spans: batch } : undefined,
    onProgress: progress.update,
    csvBom: !values["no-bom"],
  };
  const started = performance.now();
  const stats = (extra: Record<string, unknown>) => {
    if (!values["stats-json"]) return;
    const ms = performance.now() - started;
    process.stderr.write(
      `${JSON.stringify({ format, ms: Math.round(ms), maxRssBytes: process.resourceUsage().maxRSS * 1024, ...extra })}\n`,
    );
  };

  if (values.snapshot) {
    const actor = await findActor(ctx, values.actor);
    const snapshot = await createSnapshot(
      db,
      { name: values.snapshot, description: values.description, format, filter, agreement: values["with-agreement"] },
      actor,
      options,
    );
    progress.end();
    ctx.log(
      `snapshot "${snapshot.name}" (${snapshot.id}): ${num(snapshot.counts.spans.total)} spans, ${mb(snapshot.byteSize)}, sha256 ${snapshot.sha256}`,
    );
    if (snapshot.agreement) {
      ctx.log(`agreement report: ${mb(snapshot.agreement.byteSize)}, sha256 ${snapshot.agreement.sha256}`);
    }
    ctx.log(`cite as: ${snapshot.citation}`);
    if (values.out) {
      const opened = await openSnapshot(db, { id: snapshot.id });
      if (values.out === "-") await pipeline(opened.stream(), process.stdout, { end: false });
      else await toFile(values.out, (out) => pipeline(opened.stream(), out));
    } else {
      console.log(
        JSON.stringify({ id: snapshot.id, name: snapshot.name, sha256: snapshot.sha256, bytes: snapshot.byteSize }),
      );
    }
    stats({ spans: snapshot.counts.spans.total, articles: snapshot.counts.articles, bytes: snapshot.byteSize });
    return 0;
  }

  const plan = await prepareExport(db, { format, filter }, options);
  const out = values.out!;
  ctx.log(`exporting ${plan.spec.title}: ${describeFilter(plan.filter)}`);
  const result =
    out === "-"
      ? await plan.writeTo(process.stdout, { end: false })
      : await toFile(out, (stream) => plan.writeTo(stream));
  progress.end();
  const seconds = (performance.now() - started) / 1000;
  const units = plan.spec.unit === "claims" ? result.counts.claimReviews : result.counts.spans.total;
  ctx.log(
    `wrote ${num(units)} ${plan.spec.unit}${plan.spec.unit === "spans" ? ` in ${num(result.counts.articles)} articles` : ""} to ${out === "-" ? "stdout" : out}: ${mb(result.bytes)} in ${seconds.toFixed(1)} s (${num(Math.round(units / seconds))} ${plan.spec.unit}/s), sha256 ${result.sha256}`,
  );
  stats({
    spans: result.counts.spans.total,
    articles: result.counts.articles,
    bytes: result.bytes,
    sha256: result.sha256,
  });
  return 0;
}

const command: CliCommand = {
  summary: "export a dataset (jsonl, webanno, claimreview, conll, csv), preview its counts or snapshot it",
  help: HELP,
  async run(args, ctx) {
    try {
      return await run(args, ctx);
    } catch (error) {
      if (error instanceof UsageError || error instanceof AppError) {
        console.error(`error: ${error.message}`);
        if (error instanceof UsageError) console.error("\n`npm run cli -- export --help` for the options.");
        return 2;
      }
      if ((error as NodeJS.ErrnoException).code === "EPIPE") return 0; // the reader went away (| head)
      throw error;
    }
  },
};

export default command;
