/**
 * Span-write latency under 50 concurrent editors, over HTTP against the
 * production build: each editor signs in through next-auth (a real session
 * cookie) and, on one of the demo story's five articles, creates spans on
 * random words and relabels or relinks its own spans, one mutation per
 * request, pausing 0.5–1.5 s between writes: a busy keyboard annotator
 * (about one write a second each, fifty a second in all; accepting a run of
 * suggestions is faster, reading a paragraph slower).
 *
 * Reported per run and as medians over runs: p50/p95/p99 of the round trip
 * (goal: p95 under 50 ms) and the writes per second served. A second
 * measurement drops the pauses (every editor writes back-to-back) to show
 * the throughput ceiling of the machine.
 */
import { randomUUID } from "node:crypto";
import { createDb } from "../lib/db";
import { hashPassword } from "../lib/auth/password";
import { seedDemoNewsroom } from "../lib/demo/seed";
import { OffsetIndex } from "../lib/text/code-points";
import { quantile, type Bench, type BenchApp, type Measurement } from "./types";
import { signIn } from "./sign-in";

const EDITORS = 50;
const PASSWORD = "bench-editor-password";

interface Editor {
  cookie: string;
  articleId: string;
  words: { start: number; end: number; quote: string }[];
  /** Spans this editor created, with their current version. */
  spans: { id: string; version: number }[];
}

/** Word-sized ranges of an article (code points), to create spans on. */
function wordsOf(text: string): Editor["words"] {
  const index = new OffsetIndex(text);
  const out: Editor["words"] = [];
  for (const { segment, index: at, isWordLike } of new Intl.Segmenter(undefined, { granularity: "word" }).segment(
    text,
  )) {
    if (!isWordLike || segment.length < 2) continue;
    out.push({ start: index.toCodePoint(at), end: index.toCodePoint(at + segment.length), quote: segment });
  }
  return out;
}

async function setUp(baseUrl: string, databaseUrl: string, log: (m: string) => void) {
  const db = createDb(databaseUrl);
  try {
    await seedDemoNewsroom(db);
    const articles = await db.article.findMany({ select: { id: true, text: true }, orderBy: { language: "asc" } });
    const labels = await db.label.findMany({ where: { kind: "ENTITY" }, select: { id: true } });
    const entities = await db.entity.findMany({ select: { id: true, labelId: true } });
    const passwordHash = await hashPassword(PASSWORD);
    const stamp = Date.now();
    const editors: Editor[] = [];
    for (let i = 0; i < EDITORS; i++) {
      const email = `bench-editor-${stamp}-${i}@bench.parallax.test`;
      await db.user.create({ data: { email, name: `Editor ${i}`, role: "EDITOR", passwordHash } });
      const article = articles[i % articles.length]!;
      editors.push({
        cookie: await signIn(baseUrl, email, PASSWORD).then(({ name, value }) => `${name}=${value}`),
        articleId: article.id,
        words: wordsOf(article.text),
        spans: [],
      });
    }
    log(`${EDITORS} editors signed in on ${articles.length} articles`);
    return { editors, labels: labels.map((l) => l.id), entities };
  } finally {
    await db.$disconnect();
  }
}

type Setup = Awaited<ReturnType<typeof setUp>>;

interface RunResult {
  latencies: number[];
  seconds: number;
  failures: string[];
}

async function drive(app: BenchApp, setup: Setup, seconds: number, pause: [number, number] | null): Promise<RunResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();

  const write = async (editor: Editor) => {
    const own = editor.spans;
    let mutation: Record<string, unknown>;
    if (own.length < 5 || Math.random() < 0.6) {
      const word = pick(editor.words);
      mutation = {
        type: "create",
        mutationId: randomUUID(),
        span: { id: randomUUID(), articleId: editor.articleId, ...word, kind: "ENTITY", labelId: pick(setup.labels) },
      };
    } else {
      const span = pick(own);
      // Relabel, or link to an entity (which brings the entity's label).
      const entity = Math.random() < 0.3 ? pick(setup.entities) : null;
      mutation = {
        type: "update",
        mutationId: randomUUID(),
        spanId: span.id,
        baseVersion: span.version,
        patch: entity ? { entityId: entity.id } : { labelId: pick(setup.labels), entityId: null },
      };
    }
    const t0 = performance.now();
    const res = await fetch(`${app.baseUrl}/api/articles/${editor.articleId}/spans/mutations`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: editor.cookie, origin: app.baseUrl },
      body: JSON.stringify({ mutations: [mutation] }),
    });
    const body = (await res.json()) as {
      results?: { ok: boolean; span?: { id: string; version: number }; error?: { code: string } }[];
    };
    latencies.push(performance.now() - t0);
    const result = body.results?.[0];
    if (!res.ok || !result?.ok || !result.span) {
      failures.push(`${res.status} ${result?.error?.code ?? JSON.stringify(body).slice(0, 120)}`);
      return;
    }
    const known = own.find((s) => s.id === result.span!.id);
    if (known) known.version = result.span.version;
    else own.push({ id: result.span.id, version: result.span.version });
  };

  await Promise.all(
    setup.editors.map(async (editor, i) => {
      // Stagger the start so the editors do not move in lockstep.
      await new Promise((r) => setTimeout(r, (i * 7) % 200));
      while (performance.now() < deadline) {
        await write(editor);
        if (pause) await new Promise((r) => setTimeout(r, pause[0] + Math.random() * (pause[1] - pause[0])));
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000, failures };
}

const bench: Bench = {
  name: "span-writes",
  description: `span-write latency over HTTP with ${EDITORS} concurrent editors (production build)`,
  async run(ctx) {
    const { url } = await ctx.freshDatabase("span_writes");
    const app = await ctx.startApp(url);
    const setup = await setUp(app.baseUrl, url, ctx.log);
    const seconds = ctx.quick ? 3 : 10;
    const runs = Math.max(ctx.runs, ctx.quick ? 1 : 3);
    const paced: [number, number] = [500, 1500];

    await drive(app, setup, ctx.quick ? 2 : 5, paced); // warm-up: JIT, connection pool, validator cache
    const p = { p50: [] as number[], p95: [] as number[], p99: [] as number[], rate: [] as number[] };
    const flat = { p95: [] as number[], rate: [] as number[] };
    const failures: string[] = [];
    for (let run = 0; run < runs; run++) {
      const r = await drive(app, setup, seconds, paced);
      failures.push(...r.failures);
      p.p50.push(quantile(r.latencies, 0.5));
      p.p95.push(quantile(r.latencies, 0.95));
      p.p99.push(quantile(r.latencies, 0.99));
      p.rate.push(r.latencies.length / r.seconds);
      ctx.log(
        `run ${run + 1}/${runs}: ${r.latencies.length} writes, ${(r.latencies.length / r.seconds).toFixed(0)}/s, ` +
          `p50 ${p.p50.at(-1)!.toFixed(1)} ms, p95 ${p.p95.at(-1)!.toFixed(1)} ms, p99 ${p.p99.at(-1)!.toFixed(1)} ms`,
      );
      const s = await drive(app, setup, Math.min(seconds, 5), null);
      failures.push(...s.failures);
      flat.p95.push(quantile(s.latencies, 0.95));
      flat.rate.push(s.latencies.length / s.seconds);
      ctx.log(`  back-to-back: ${flat.rate.at(-1)!.toFixed(0)} writes/s, p95 ${flat.p95.at(-1)!.toFixed(1)} ms`);
    }
    await app.stop();
    if (failures.length) {
      throw new Error(`${failures.length} writes failed, e.g. ${[...new Set(failures)].slice(0, 5).join("; ")}`);
    }
    const note = `${EDITORS} editors, one mutation per request, 0.5–1.5 s between an editor's writes`;
    const measurements: Measurement[] = [
      { name: "span write p50 (50 editors)", unit: "ms", samples: p.p50, note },
      { name: "span write p95 (50 editors)", unit: "ms", samples: p.p95, goal: 50 },
      { name: "span write p99 (50 editors)", unit: "ms", samples: p.p99 },
      { name: "span writes served (50 editors)", unit: "writes/s", samples: p.rate, higherIsBetter: true },
      {
        name: "back-to-back writes served (50 editors)",
        unit: "writes/s",
        samples: flat.rate,
        higherIsBetter: true,
        note: "no pause between writes: the machine's ceiling",
      },
      { name: "back-to-back span write p95", unit: "ms", samples: flat.p95 },
    ];
    return measurements;
  },
};

export default bench;
