import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateSyntheticData } from "./export-data";
import type { Bench, BenchContext, Measurement } from "./types";

interface RunStats {
  /** The export itself, as the CLI measured it (no process start, no migration check). */
  ms: number;
  /** Whole command, process start included. */
  wallMs: number;
  /** Peak resident memory of the exporting process. */
  peakRss: number;
  spans: number;
  bytes: number;
}

const root = path.resolve(import.meta.dirname, "..");

/** Peak RSS so far (VmHWM) of a live process, in bytes; 0 once it is gone. */
function highWaterMark(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** `npm run cli -- export …` as a user runs it, in one node process (no npm/tsx wrapper in between). */
function exportOnce(url: string, format: string, out: string): Promise<RunStats> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/cli.ts", "export", "--format", format, "--out", out, "--quiet", "--stats-json"],
      { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    let sampled = 0;
    const timer = setInterval(() => (sampled = Math.max(sampled, highWaterMark(child.pid!))), 100);
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      const wallMs = performance.now() - t0;
      const last = stderr.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !last.startsWith("{")) return reject(new Error(`export ${format} failed (${code}): ${stderr}`));
      const stats = JSON.parse(last) as { ms: number; maxRssBytes: number; spans: number; bytes: number };
      resolve({
        ms: stats.ms,
        wallMs,
        peakRss: Math.max(stats.maxRssBytes, sampled),
        spans: stats.spans,
        bytes: stats.bytes,
      });
    });
  });
}

async function measure(ctx: BenchContext, url: string, format: string, runs: number, expectedSpans: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parallax-bench-export-"));
  const samples: RunStats[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const stats = await exportOnce(url, format, path.join(dir, `out.${format}`));
      if (stats.spans !== expectedSpans)
        throw new Error(`${format}: exported ${stats.spans} spans, expected ${expectedSpans}`);
      ctx.log(
        `${format} #${i + 1}: ${Math.round(stats.spans / (stats.ms / 1000))} spans/s, ${(stats.bytes / 1e6).toFixed(0)} MB, peak RSS ${(stats.peakRss / 2 ** 20).toFixed(0)} MiB`,
      );
      samples.push(stats);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return samples;
}

/**
 * The export path end to end: a million spans (10,000 articles × 100, in
 * 2,000 stories of 5 language versions) streamed by the real CLI to a file.
 * Goals: at least 50,000 spans/s, peak RSS under 300 MB. BENCH_QUICK=1 uses
 * a tenth of the data.
 */
const bench: Bench = {
  name: "export",
  description: "npm run cli -- export to a file: spans/s and the process's peak RSS (1,000,000 spans)",
  async run(ctx) {
    const size = { articles: ctx.quick ? 1_000 : 10_000, spansPerArticle: 100 };
    const { url } = await ctx.freshDatabase("export");
    const t0 = performance.now();
    const { spans } = await generateSyntheticData(url, size);
    ctx.log(`generated ${spans.toLocaleString("en-US")} spans in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    await exportOnce(url, "jsonl", path.join(os.tmpdir(), `parallax-bench-warmup-${process.pid}.jsonl`)).finally(() =>
      rmSync(path.join(os.tmpdir(), `parallax-bench-warmup-${process.pid}.jsonl`), { force: true }),
    );
    const label = `${(spans / 1e6).toFixed(spans < 1e6 ? 1 : 0)}M spans`;
    const measurements: Measurement[] = [];
    const jsonl = await measure(ctx, url, "jsonl", ctx.runs, spans);
    measurements.push(
      {
        name: `jsonl → file, ${label}: throughput`,
        unit: "spans/s",
        samples: jsonl.map((s) => s.spans / (s.ms / 1000)),
        higherIsBetter: true,
        goal: 50_000,
        note: "the export as the CLI times it: filter check, counts, streaming, fsync-free file write",
      },
      {
        name: `jsonl → file, ${label}: peak RSS`,
        unit: "MB",
        samples: jsonl.map((s) => s.peakRss / 1e6),
        goal: 300,
        note: "the exporting node process (tsx and Prisma loaded), max of its own maxRSS and sampled VmHWM",
      },
      {
        name: `jsonl → file, ${label}: command wall time`,
        unit: "s",
        samples: jsonl.map((s) => s.wallMs / 1000),
        note: "process start, migration check and export",
      },
    );
    // The other formats, fewer runs each.
    const runs = Math.max(1, Math.min(3, ctx.runs));
    for (const format of ["webanno", "csv", "conll"]) {
      const samples = await measure(ctx, url, format, runs, spans);
      measurements.push(
        {
          name: `${format} → file: throughput`,
          unit: "spans/s",
          samples: samples.map((s) => s.spans / (s.ms / 1000)),
          higherIsBetter: true,
        },
        { name: `${format} → file: peak RSS`, unit: "MB", samples: samples.map((s) => s.peakRss / 1e6) },
      );
    }
    return measurements;
  },
};

export default bench;
