/**
 * Parallax at newsroom scale, over HTTP against two instances of the
 * production build on one database: 10,000 stories, 40,000 articles and
 * 1,000,000 spans (bench/scale-data.ts), while 100 editors, half on each
 * instance, write spans (each one every WRITE_EVERY_MS on average, on a
 * word of their own story).
 *
 * Measured in each run, under that load:
 * - story search (GET /api/stories?q=…: ranked page, facets, snippets) for
 *   ten kinds of query, from a word in most stories to one in none: p50, p95;
 * - the reader page (GET /stories/KEY?a=…, two versions) until its HTML has
 *   fully arrived — the server's time, on loopback — for stories not opened
 *   before in the run: p50, p95;
 * - a JSONL export of every span as a background job (POST /api/exports, the
 *   job queue, a worker in one of the instances): spans per second from the
 *   job's start to its end as the job records them;
 * - the span writes' round trip (p95) and how many failed;
 * - the peak memory of each app instance (resident, with its child
 *   processes) and of the PostgreSQL backends serving the run's database
 *   (proportional set size, so shared buffers count once).
 *
 * The database is generated once into a template; each run gets a copy of
 * it (CREATE DATABASE … TEMPLATE) and two fresh instances, so runs are
 * independent. Figures are medians over BENCH_RUNS runs. BENCH_QUICK=1 uses
 * a twentieth of the data and 20 editors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { withDatabase } from "../scripts/lib/postgres-server";
import { peakSampler, proportionalKiB, treeResidentKiB } from "./process-memory";
import {
  READER_EMAIL,
  editorEmail,
  seedScaleDatabase,
  storyKey,
  storyLanguages,
  verifyScaleDatabase,
  type ScaleSize,
} from "./scale-data";
import { signIn } from "./sign-in";
import { quantile, type Bench, type BenchApp, type BenchContext, type Measurement } from "./types";
import { wordsOf, writeSpan, type Word } from "./words";

const PASSWORD = "bench-scale-password";
const WRITE_EVERY_MS = 4_000;

interface User {
  app: BenchApp;
  cookie: string;
}

const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A copy of the template database (a file copy: seconds, where regenerating takes a minute or more). */
async function copyDatabase(templateUrl: string, name: string): Promise<string> {
  const template = databaseOf(templateUrl);
  await admin(templateUrl, async (client) => {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}" STRATEGY FILE_COPY`).catch(async () => {
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`); // before PostgreSQL 15
    });
  });
  return withDatabase(templateUrl, name);
}

async function dropDatabase(url: string): Promise<void> {
  await admin(url, (client) => client.query(`DROP DATABASE IF EXISTS "${databaseOf(url)}" WITH (FORCE)`));
}

interface Setup {
  size: ScaleSize;
  queries: [string, string][];
  /** Per editor: the words of their story's versions. */
  editorWords: Word[][];
  labels: string[];
}

async function prepare(ctx: BenchContext, size: ScaleSize): Promise<{ url: string; setup: Setup }> {
  const { url } = await ctx.freshDatabase("scale");
  const t0 = performance.now();
  const generated = await seedScaleDatabase(url, size, await hashPassword(PASSWORD), ctx.log);
  const seconds = (performance.now() - t0) / 1000;
  const counts = await verifyScaleDatabase(url, ctx.quick ? 100 : 2);
  ctx.log(
    `generated ${counts.stories.toLocaleString("en-US")} stories, ${counts.articles.toLocaleString("en-US")} articles, ` +
      `${counts.spans.toLocaleString("en-US")} spans in ${seconds.toFixed(0)} s (spans checked against their text)`,
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const editorWords: Word[][] = [];
    for (let i = 0; i < size.editors; i++) {
      const key = storyKey((i * 97) % size.stories);
      const { rows } = await client.query<{ id: string; text: string }>(
        `SELECT a.id, a.text FROM "Article" a JOIN "Story" s ON s.id = a."storyId" WHERE s.key = $1`,
        [key],
      );
      editorWords.push(rows.flatMap((r) => wordsOf(r.id, r.text)));
    }
    const labels = await client.query<{ id: string }>(`SELECT id FROM "Label" WHERE kind = 'ENTITY'`);
    return {
      url,
      setup: { size, queries: generated.queries, editorWords, labels: labels.rows.map((r) => r.id) },
    };
  } finally {
    await client.end();
  }
}

/** GET `url` and read the whole body; ms until the last byte. */
async function timedGet(user: User, pathAndQuery: string): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(`${user.app.baseUrl}${pathAndQuery}`, { headers: { cookie: user.cookie } });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

interface Load {
  stop(): Promise<{ writes: number[]; failures: string[]; seconds: number }>;
}

/** Every editor writes a span on a word of their story every WRITE_EVERY_MS on average, until stopped. */
function startLoad(editors: User[], setup: Setup): Load {
  const writes: number[] = [];
  const failures: string[] = [];
  let stopped = false;
  const started = performance.now();
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
  const loop = async (editor: User, words: Word[]) => {
    await sleep(Math.random() * WRITE_EVERY_MS);
    while (!stopped) {
      const word = pick(words);
      const t0 = performance.now();
      try {
        const res = await writeSpan(editor.app.baseUrl, editor.cookie, word, pick(setup.labels));
        const body = (await res.json()) as { results?: { ok: boolean }[] };
        writes.push(performance.now() - t0);
        if (!res.ok || !body.results?.[0]?.ok) failures.push(`${res.status} ${JSON.stringify(body).slice(0, 160)}`);
      } catch (error) {
        failures.push(String(error));
      }
      await sleep(WRITE_EVERY_MS * (0.5 + Math.random()));
    }
  };
  const loops = editors.map((e, i) => loop(e, setup.editorWords[i]!));
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return { writes, failures, seconds: (performance.now() - started) / 1000 };
    },
  };
}

interface ExportJobBody {
  job: {
    id: string;
    status: string;
    error: string | null;
    startedAt: string | null;
    finishedAt: string | null;
    result: { counts: { spans: { total: number } }; bytes: number } | null;
  };
}

/** A JSONL export of everything through the job queue; spans/s as the job's own start and end times say. */
async function exportThroughQueue(user: User, timeoutMs: number) {
  const t0 = performance.now();
  const res = await fetch(`${user.app.baseUrl}/api/exports`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: user.cookie, origin: user.app.baseUrl },
    body: JSON.stringify({ format: "jsonl", filter: {} }),
  });
  if (res.status !== 202) throw new Error(`starting the export answered ${res.status}: ${await res.text()}`);
  const { job } = (await res.json()) as ExportJobBody;
  for (;;) {
    await sleep(250);
    const poll = await fetch(`${user.app.baseUrl}/api/exports/${job.id}`, { headers: { cookie: user.cookie } });
    const { job: now } = (await poll.json()) as ExportJobBody;
    if (now.status === "FAILED") throw new Error(`the export failed: ${now.error}`);
    if (now.status === "DONE") {
      const spans = now.result!.counts.spans.total;
      const jobMs = Date.parse(now.finishedAt!) - Date.parse(now.startedAt!);
      return {
        spans,
        spansPerSecond: spans / (jobMs / 1000),
        wallMs: performance.now() - t0,
        bytes: now.result!.bytes,
      };
    }
    if (performance.now() - t0 > timeoutMs) throw new Error(`the export did not finish in ${timeoutMs / 1000} s`);
  }
}

interface RunResult {
  search: number[];
  reader: number[];
  export: Awaited<ReturnType<typeof exportThroughQueue>>;
  writes: number[];
  writeFailures: string[];
  writesPerSecond: number;
  peakMiB: { a: number; b: number; postgres: number };
}

async function run(ctx: BenchContext, url: string, setup: Setup, runIndex: number): Promise<RunResult> {
  const { size } = setup;
  const apps = [await ctx.startApp(url), await ctx.startApp(url)];
  const memory = apps.map((app) => peakSampler(() => (app.pid ? treeResidentKiB(app.pid) : 0), 250));
  // The backends serving this database (the job queue's and the live hub's included).
  const pgClient = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await pgClient.connect();
  const backends = peakSampler(async () => {
    const { rows } = await pgClient.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [
      databaseOf(url),
    ]);
    return proportionalKiB(rows.map((r) => r.pid));
  }, 500);
  try {
    const signInAs = async (email: string, i: number): Promise<User> => {
      const app = apps[i % 2]!;
      const { name, value } = await signIn(app.baseUrl, email, PASSWORD);
      return { app, cookie: `${name}=${value}` };
    };
    const editors: User[] = [];
    for (let i = 0; i < size.editors; i += 4) {
      editors.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(4, size.editors - i) }, (_, k) => signInAs(editorEmail(i + k), i + k)),
        )),
      );
    }
    const reader = await signInAs(READER_EMAIL, 0);
    const readers = [reader, { ...reader, app: apps[1]! }];
    ctx.log(`run ${runIndex + 1}: ${size.editors} editors and a reader signed in, half on each instance`);

    const storyPath = (n: number) => `/stories/${storyKey(n)}?a=${storyLanguages(n).slice(0, 2).join(",")}`;
    // Warm-up: each instance's routes loaded and compiled once, connection pools open.
    for (const user of readers) {
      await timedGet(user, `/api/stories?q=${encodeURIComponent(setup.queries[0]![1])}`);
      await timedGet(user, "/api/stories");
      await timedGet(user, storyPath(size.stories - 1 - runIndex));
    }

    const load = startLoad(editors, setup);
    await sleep(Math.min(WRITE_EVERY_MS, 3_000));

    const search: number[] = [];
    const reps = ctx.quick ? 2 : 5;
    for (let r = 0; r < reps; r++) {
      for (const [what, q] of setup.queries) {
        const res = await timedGet(readers[search.length % 2]!, `/api/stories?q=${encodeURIComponent(q)}`);
        if (res.status !== 200) throw new Error(`search "${what}" answered ${res.status}: ${res.body.slice(0, 200)}`);
        search.push(res.ms);
        if (r === 0) {
          const total = (JSON.parse(res.body) as { total: number }).total;
          ctx.log(`  search ${what} (${q}): ${total} stories, ${res.ms.toFixed(0)} ms`);
        }
      }
    }

    const reader_: number[] = [];
    const pages = ctx.quick ? 10 : 40;
    for (let k = 0; k < pages; k++) {
      const n = (runIndex * 7_919 + k * 1_543 + 1) % size.stories;
      const res = await timedGet(readers[k % 2]!, storyPath(n));
      if (res.status !== 200 || !res.body.includes('data-testid="reader"'))
        throw new Error(`the reader page of ${storyKey(n)} answered ${res.status} without the reader`);
      reader_.push(res.ms);
    }
    ctx.log(`  reader page p50 ${quantile(reader_, 0.5).toFixed(0)} ms, p95 ${quantile(reader_, 0.95).toFixed(0)} ms`);

    const exported = await exportThroughQueue(reader, 20 * 60_000);
    ctx.log(
      `  export: ${exported.spans.toLocaleString("en-US")} spans, ${(exported.bytes / 1e6).toFixed(0)} MB, ` +
        `${Math.round(exported.spansPerSecond).toLocaleString("en-US")} spans/s (${(exported.wallMs / 1000).toFixed(1)} s from request to done)`,
    );
    const load_ = await load.stop();
    return {
      search,
      reader: reader_,
      export: exported,
      writes: load_.writes,
      writeFailures: load_.failures,
      writesPerSecond: load_.writes.length / load_.seconds,
      peakMiB: { a: memory[0]!.stop() / 1024, b: memory[1]!.stop() / 1024, postgres: backends.stop() / 1024 },
    };
  } finally {
    for (const m of memory) m.stop();
    backends.stop();
    await pgClient.end();
    for (const app of apps) await app.stop();
  }
}

const FULL: ScaleSize = {
  stories: 10_000,
  articles: 40_000,
  spans: 1_000_000,
  entities: 20_000,
  claims: 5_000,
  editors: 100,
};
const QUICK: ScaleSize = { stories: 500, articles: 2_000, spans: 50_000, entities: 2_000, claims: 500, editors: 20 };

const bench: Bench = {
  name: "scale",
  description:
    "10,000 stories, 40,000 articles, 1,000,000 spans; two instances, 100 editors writing: search, reader page, export",
  async run(ctx) {
    const size = ctx.quick ? QUICK : FULL;
    const previousDataDir = process.env.PARALLAX_DATA_DIR;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "parallax-bench-scale-"));
    // The instances inherit it: export files go to a folder removed at the end.
    process.env.PARALLAX_DATA_DIR = dataDir;
    try {
      const { url: templateUrl, setup } = await prepare(ctx, size);
      const results: RunResult[] = [];
      for (let i = 0; i < Math.max(1, ctx.runs); i++) {
        const url = await copyDatabase(templateUrl, `${databaseOf(templateUrl)}_run${i}`);
        try {
          const r = await run(ctx, url, setup, i);
          results.push(r);
          ctx.log(
            `run ${i + 1}: search p95 ${quantile(r.search, 0.95).toFixed(0)} ms, reader p95 ${quantile(r.reader, 0.95).toFixed(0)} ms, ` +
              `export ${Math.round(r.export.spansPerSecond)} spans/s, ${r.writes.length} span writes ` +
              `(${r.writesPerSecond.toFixed(1)}/s, p95 ${quantile(r.writes, 0.95).toFixed(0)} ms, ${r.writeFailures.length} failed); ` +
              `peak MiB: A ${r.peakMiB.a.toFixed(0)}, B ${r.peakMiB.b.toFixed(0)}, postgres ${r.peakMiB.postgres.toFixed(0)}`,
          );
        } finally {
          await dropDatabase(url);
          rmSync(path.join(dataDir, "exports"), { recursive: true, force: true });
        }
      }
      const failures = results.flatMap((r) => r.writeFailures);
      if (failures.length)
        throw new Error(`${failures.length} span writes failed, e.g. ${failures.slice(0, 3).join("; ")}`);
      const each = (f: (r: RunResult) => number) => results.map(f);
      const load = `${size.editors} editors on 2 instances writing a span every ${WRITE_EVERY_MS / 1000} s each`;
      const measurements: Measurement[] = [
        {
          name: "story search p95",
          unit: "ms",
          samples: each((r) => quantile(r.search, 0.95)),
          goal: 1_000,
          note: `GET /api/stories?q=, ${setup.queries.length} kinds of query, whole response; under load: ${load}`,
        },
        { name: "story search p50", unit: "ms", samples: each((r) => quantile(r.search, 0.5)) },
        {
          name: "reader page p95 (server time)",
          unit: "ms",
          samples: each((r) => quantile(r.reader, 0.95)),
          goal: 1_000,
          note: "GET /stories/KEY?a=two versions until the last byte of the HTML, on loopback",
        },
        { name: "reader page p50 (server time)", unit: "ms", samples: each((r) => quantile(r.reader, 0.5)) },
        {
          name: "JSONL export through the job queue",
          unit: "spans/s",
          samples: each((r) => r.export.spansPerSecond),
          higherIsBetter: true,
          goal: 50_000,
          note: `every span (${results[0]!.export.spans.toLocaleString("en-US")}), from the job's start to its end`,
        },
        { name: "span write p95 (under all of this)", unit: "ms", samples: each((r) => quantile(r.writes, 0.95)) },
        {
          name: "span writes per second",
          unit: "writes/s",
          samples: each((r) => r.writesPerSecond),
          higherIsBetter: true,
        },
        { name: "peak RSS, app instance A", unit: "MiB", samples: each((r) => r.peakMiB.a) },
        { name: "peak RSS, app instance B", unit: "MiB", samples: each((r) => r.peakMiB.b) },
        {
          name: "peak PSS, PostgreSQL backends of the run",
          unit: "MiB",
          samples: each((r) => r.peakMiB.postgres),
          note: "sum over the connections to the run's database; shared buffers counted once",
        },
      ];
      return measurements;
    } finally {
      if (previousDataDir === undefined) delete process.env.PARALLAX_DATA_DIR;
      else process.env.PARALLAX_DATA_DIR = previousDataDir;
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
