/**
 * `npm run bench [-- NAME…]`: runs the benchmarks in bench/*.bench.ts (all,
 * or those named) against scratch databases and the production build, and
 * prints the median of each measurement. Results also go to
 * bench-results/latest.json. BENCH_RUNS sets repetitions (default 5);
 * BENCH_QUICK=1 scales inputs down for a smoke run.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { median, type Bench, type BenchApp, type BenchContext, type Measurement } from "../bench/types";
import { buildIfNeeded } from "./lib/build";
import { ensureChromium } from "./lib/chromium";
import { projectRoot } from "./lib/database-config";
import { freePort, stopOnExit, waitForConnection } from "./lib/postgres-server";
import { bin } from "./lib/run";
import { freshDatabase, provideScratchServer } from "./lib/scratch-database";

const log = (message: string) => console.log(`[bench] ${message}`);

async function startApp(databaseUrl: string): Promise<BenchApp> {
  await buildIfNeeded(log);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: projectRoot(),
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "bench-secret-not-for-production-0123456789",
      NEXTAUTH_SECRET: "bench-secret-not-for-production-0123456789",
      NEXTAUTH_URL: baseUrl,
      APP_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function format(value: number): string {
  if (value >= 1000) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

async function main() {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const dir = path.join(projectRoot(), "bench");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort();
  const benches: Bench[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: Bench };
    if (!only.length || only.includes(mod.default.name)) benches.push(mod.default);
  }
  if (!benches.length) throw new Error(`no benchmark matches ${only.join(", ")}`);

  const server = await provideScratchServer();
  const drops: (() => Promise<void>)[] = [];
  const apps: BenchApp[] = [];
  const cleanup = async () => {
    for (const app of apps) await app.stop().catch(() => {});
    for (const drop of drops) await drop().catch(() => {});
    await server.stop();
  };
  const shutdown = stopOnExit(cleanup);
  await waitForConnection(server.adminUrl);

  const ctx: BenchContext = {
    async freshDatabase(purpose) {
      const db = await freshDatabase(server, `bench_${purpose}`);
      drops.push(db.drop);
      return { url: db.url };
    },
    async startApp(databaseUrl) {
      const app = await startApp(databaseUrl);
      apps.push(app);
      return app;
    },
    chromiumPath: () => ensureChromium(log),
    runs: Number(process.env.BENCH_RUNS ?? 5),
    quick: process.env.BENCH_QUICK === "1",
    log,
  };

  const results: { bench: string; measurements: (Measurement & { median: number })[] }[] = [];
  try {
    for (const bench of benches) {
      log(`${bench.name}: ${bench.description}`);
      const measurements = await bench.run(ctx);
      results.push({ bench: bench.name, measurements: measurements.map((m) => ({ ...m, median: median(m.samples) })) });
    }
  } finally {
    await cleanup();
  }

  console.log(
    `\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(`${"measurement".padEnd(58)} ${"median".padStart(10)} ${"unit".padEnd(12)} ${"n".padStart(3)}  goal`);
  for (const { bench, measurements } of results) {
    for (const m of measurements) {
      const goal =
        m.goal === undefined
          ? ""
          : `${m.higherIsBetter ? "≥" : "≤"} ${m.goal} ${(m.higherIsBetter ? m.median >= m.goal : m.median <= m.goal) ? "✓ met" : "✗ missed"}`;
      console.log(
        `${`${bench} · ${m.name}`.padEnd(58)} ${format(m.median).padStart(10)} ${m.unit.padEnd(12)} ${String(m.samples.length).padStart(3)}  ${goal}`,
      );
      if (m.note) console.log(`${"".padEnd(4)}${m.note}`);
    }
  }
  const out = path.join(projectRoot(), "bench-results");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, "latest.json"),
    JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, node: process.version, results }, null, 2),
  );
  shutdown(0);
}

main().catch((error) => {
  console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
