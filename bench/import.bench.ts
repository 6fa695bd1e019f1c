import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../lib/db";
import { importJsonl } from "../lib/import";
import { generateCorpus } from "./import-corpus";
import type { Bench, Measurement } from "./types";

/**
 * Bulk import throughput: a generated corpus of 10,000 articles (2–6 KB,
 * six languages including Chinese and Arabic, ~25 spans each) imported from
 * a JSONL file into a fresh database per run; then the same file again (every
 * line recognised and skipped).
 */
const bench: Bench = {
  name: "import",
  description: "JSONL import throughput (articles/s, spans/s) for a generated 10,000-article corpus",
  async run(ctx) {
    const count = ctx.quick ? 1_000 : 10_000;
    const corpus = generateCorpus(count);
    const dir = mkdtempSync(path.join(os.tmpdir(), "parallax-bench-import-"));
    const file = path.join(dir, "corpus.jsonl");
    writeFileSync(file, corpus.lines.join("\n") + "\n");
    ctx.log(
      `corpus: ${corpus.articles} articles, ${corpus.spans} spans, ${(corpus.bytes / 2 ** 20).toFixed(1)} MiB of JSONL`,
    );

    const articlesPerSecond: number[] = [];
    const spansPerSecond: number[] = [];
    const reimportPerSecond: number[] = [];
    try {
      for (let run = 0; run < Math.max(ctx.runs, 3); run++) {
        const { url } = await ctx.freshDatabase(`import_${run}`);
        const db = createDb(url);
        try {
          // Warm the connection pool and the taxonomy (seeded on first import) outside the timing.
          await importJsonl(db, { content: corpus.lines[0]! });
          const t0 = performance.now();
          const report = await importJsonl(db, { path: file });
          const seconds = (performance.now() - t0) / 1000;
          if (report.rejected.length || report.imported + report.skipped !== count) {
            throw new Error(`unexpected report: ${JSON.stringify({ ...report, warnings: report.warnings.length })}`);
          }
          const spans = await db.span.count();
          articlesPerSecond.push(count / seconds);
          spansPerSecond.push(spans / seconds);
          const t1 = performance.now();
          const again = await importJsonl(db, { path: file });
          if (again.skipped !== count) throw new Error(`re-import changed ${count - again.skipped} articles`);
          reimportPerSecond.push(count / ((performance.now() - t1) / 1000));
          ctx.log(
            `run ${run + 1}: ${(count / seconds).toFixed(0)} articles/s, ${(spans / seconds).toFixed(0)} spans/s (${seconds.toFixed(1)} s)`,
          );
        } finally {
          await db.$disconnect();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const note = `${count} articles, ${corpus.spans} spans, ${(corpus.bytes / 2 ** 20).toFixed(1)} MiB`;
    return [
      { name: "import articles/s", unit: "articles/s", samples: articlesPerSecond, higherIsBetter: true, note },
      { name: "import spans/s", unit: "spans/s", samples: spansPerSecond, higherIsBetter: true },
      {
        name: "re-import (unchanged) articles/s",
        unit: "articles/s",
        samples: reimportPerSecond,
        higherIsBetter: true,
      },
    ] satisfies Measurement[];
  },
};

export default bench;
