import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  formatFromFileName,
  importDocument,
  ImportError,
  importJsonl,
  isImportError,
  readSpansFile,
  spansMerger,
  type SpansFileReport,
  type DocumentFormat,
  type ImportProgress,
  type ImportReport,
} from "../../lib/import";
import type { CliCommand } from "./types";

const help = `usage: npm run cli -- import FILE [options]

FILE is article JSONL (.jsonl, the format of docs/formats.md), or a single
document (.txt, .md, .html). "-" reads JSONL from standard input.

Re-importing the same file changes nothing: articles are recognised by id,
external_id, or the same text in the same story. A bad line is reported with
its number and reason; the good lines are imported.

options:
  --story KEY            put every article in story KEY (created when new)
  --story-title TITLE    the title of that story when it is new
  --spans FILE           a spans file (one line per article: {"external_id": …,
                         "spans": […]}), merged into the articles by external_id,
                         as the Import page's spans file (JSONL imports only)
  --dry-run              check and plan everything, write nothing
  --format FORMAT        jsonl, txt, md or html (default: from the file name)
  --json                 print the report as JSON (stdout)
  --quiet                no progress bar

for a single document:
  --language TAG         its language (BCP 47: sv, en, fr, zh-Hans, ar…); required
  --title, --outlet, --author, --url, --published DATE, --external-id ID

exit status: 0 when something was imported, updated or found unchanged;
1 when nothing could be imported or the file cannot be read; 2 on bad usage.`;

const command: CliCommand = {
  summary: "import articles from JSONL, or one .txt/.md/.html document",
  help,
  async run(args, { db, log }) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          story: { type: "string" },
          "story-title": { type: "string" },
          spans: { type: "string" },
          "dry-run": { type: "boolean", default: false },
          format: { type: "string" },
          json: { type: "boolean", default: false },
          quiet: { type: "boolean", default: false },
          language: { type: "string" },
          title: { type: "string" },
          outlet: { type: "string" },
          author: { type: "string" },
          url: { type: "string" },
          published: { type: "string" },
          "external-id": { type: "string" },
        },
      });
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\n\n${help}`);
      return 2;
    }
    const { values, positionals } = parsed;
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      console.error(help);
      return 2;
    }
    const format = (values.format ?? (file === "-" ? "jsonl" : formatFromFileName(file))) as
      DocumentFormat | "jsonl" | null;
    if (!format || !["jsonl", "txt", "md", "html"].includes(format)) {
      console.error(`cannot tell the format of ${file}: use --format jsonl|txt|md|html`);
      return 2;
    }
    const story = values.story ? { key: values.story, title: values["story-title"] } : undefined;
    const dryRun = values["dry-run"];

    try {
      if (format !== "jsonl") {
        if (values.spans) {
          console.error("--spans goes with a JSONL import (a single document has no external_id to match)");
          return 2;
        }
        if (!values.language) {
          console.error("a single document needs --language (e.g. --language sv)");
          return 2;
        }
        const result = await importDocument(
          db,
          {
            format,
            content: await readFile(file),
            language: values.language,
            story,
            title: values.title,
            outlet: values.outlet,
            author: values.author,
            url: values.url,
            published: values.published,
            externalId: values["external-id"],
          },
          { dryRun },
        );
        if (values.json) console.log(JSON.stringify(result, null, 2));
        else {
          console.log(
            `${dryRun ? "would be " : ""}${result.action}: article ${result.articleId} (${result.length} code points)`,
          );
          for (const w of result.warnings) console.log(`warning: ${w}`);
        }
        return 0;
      }

      const merger = values.spans ? spansMerger(await readSpansFile(await readSpans(values.spans))) : null;
      const bar = values.quiet || values.json ? null : progressBar(log);
      const report = await importJsonl(db, file === "-" ? { stream: process.stdin } : { path: file }, {
        story,
        dryRun,
        onProgress: bar?.update,
        progressIntervalMs: 100,
        transformLine: merger?.merge,
      });
      bar?.done();
      const spansFile = merger?.report() ?? null;
      if (values.json) console.log(JSON.stringify(spansFile ? { ...report, spansFile } : report, null, 2));
      else {
        printReport(report);
        if (spansFile) printSpansFile(spansFile);
      }
      return report.imported + report.updated + report.skipped > 0 ? 0 : 1;
    } catch (error) {
      if (isImportError(error)) {
        console.error(`error: ${error.message}`);
        const partial = (error.details as { report?: ImportReport } | undefined)?.report;
        if (partial) printReport(partial);
        return 1;
      }
      throw error;
    }
  },
};

async function readSpans(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new ImportError(
      "UNREADABLE",
      `cannot read the spans file ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function printSpansFile(r: SpansFileReport): void {
  console.log(`spans file: ${r.lines} line(s), ${r.matched} matched an article, ${r.unmatched.length} did not`);
  for (const { line, externalId } of r.unmatched) {
    console.log(`spans file line ${line}: no article with external_id ${JSON.stringify(externalId)}`);
  }
  for (const { line, reason } of r.rejected) console.log(`spans file line ${line}: rejected: ${reason}`);
}

function printReport(r: ImportReport): void {
  const verb = r.dryRun ? "would be " : "";
  const seconds = r.durationMs / 1000;
  console.log(
    `${r.lines} line(s) in ${seconds.toFixed(1)} s: ${verb}imported ${r.imported}, ${verb}updated ${r.updated}, unchanged ${r.skipped}, rejected ${r.rejected.length}` +
      (r.dryRun ? " (dry run: nothing written)" : ""),
  );
  console.log(
    `spans ${r.spans}, new entities ${r.entities}, new claims ${r.claims}` +
      (r.revisions ? `, new revisions ${r.revisions} (${r.orphanedSpans} span(s) flagged for review)` : ""),
  );
  if (r.aborted) console.log("stopped before the end of the input");
  for (const { line, reason } of r.rejected) console.log(`line ${line}: rejected: ${reason}`);
  for (const { line, message } of r.warnings) console.log(`line ${line}: warning: ${message}`);
}

/** A progress bar on a terminal; plain progress lines (every 10%) otherwise. */
function progressBar(log: (m: string) => void) {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let lastDecile = -1;
  const describe = (p: ImportProgress) => {
    const done = p.imported + p.updated + p.skipped;
    const rate = done / Math.max(0.001, (performance.now() - started) / 1000);
    return `${p.lines.toLocaleString("en-US")} lines · ${done.toLocaleString("en-US")} done · ${p.rejected} rejected · ${Math.round(rate).toLocaleString("en-US")} articles/s`;
  };
  return {
    update(p: ImportProgress) {
      const fraction = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : null;
      if (tty) {
        const width = 30;
        const bar =
          fraction === null
            ? ""
            : `[${"█".repeat(Math.round(fraction * width)).padEnd(width, "·")}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
        process.stderr.write(`\r${bar}${describe(p)}\u001b[K`);
      } else if (fraction !== null) {
        const decile = Math.floor(fraction * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          log(`${decile * 10}% · ${describe(p)}`);
        }
      }
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}

export default command;
