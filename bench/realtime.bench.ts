/**
 * Live collaboration under load, over HTTP against two instances of the
 * production build on one database: 50 editors, half on each instance, each
 * with the demo story's event stream open (GET /api/stories/{id}/events, read
 * as a browser's EventSource would), while span writes arrive at 10 a second,
 * each through one editor's instance (alternating), on a random word of one
 * of the story's five versions.
 *
 * Measured per run and reported as medians over runs:
 * - write acknowledged → event received: for every write and every editor,
 *   from the moment the write's response arrived to the moment that editor's
 *   stream delivered the change (p50/p95/p99; goal p95 under 250 ms). It can
 *   be negative: the event may overtake the response.
 * - late and lost events: after the last write, the streams get DRAIN_MS to
 *   deliver everything. An event arriving more than LATE_MS after its write
 *   was acknowledged is late; one that never arrives is lost (goal: none).
 *   A stream the server ends is reopened after its last event id, as a
 *   browser's EventSource would, so a cut-off client's events count as late
 *   (and the reconnections are reported), not lost.
 * - the span-write round trip under that load (p95; goal under 50 ms).
 * - memory per open stream: the servers' resident memory with 400 more idle
 *   streams open, less without, per stream.
 */
import { createDb } from "../lib/db";
import { hashPassword } from "../lib/auth/password";
import { seedDemoNewsroom } from "../lib/demo/seed";
import { SseReader, type SseFrame } from "../tests/support/sse";
import { quantile, type Bench, type BenchApp, type Measurement } from "./types";
import { signIn } from "./sign-in";
import { wordsOf, writeSpan } from "./words";
import { treeResidentKiB } from "./process-memory";

const EDITORS = 50;
const WRITES_PER_SECOND = 10;
const IDLE_STREAMS = 400;
const PASSWORD = "bench-editor-password";
/** How long the streams get, after the last write, to deliver every event. */
const DRAIN_MS = 30_000;
/** An event arriving this long after its write was acknowledged is late. */
const LATE_MS = 1_000;

interface Editor {
  app: BenchApp;
  cookie: string;
}

/**
 * One open event stream; records when each change (span id @ version)
 * arrived. When the server ends it, it is reopened after the last event id.
 */
class Stream {
  readonly arrived = new Map<string, number>();
  /** Times the server ended the stream and it was reopened. */
  reconnects = 0;
  private readonly controller = new AbortController();
  private reader: SseReader | null = null;
  private lastId: string | null = null;
  private closed = false;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly editor: Editor,
    private readonly storyId: string,
  ) {}

  private async connect(): Promise<SseReader> {
    const headers: Record<string, string> = { cookie: this.editor.cookie, accept: "text/event-stream" };
    if (this.lastId) headers["last-event-id"] = this.lastId;
    const res = await fetch(`${this.editor.app.baseUrl}/api/stories/${this.storyId}/events`, {
      headers,
      signal: this.controller.signal,
    });
    if (!res.ok || !res.body) throw new Error(`the event stream answered ${res.status}`);
    const reader = new SseReader(res.body);
    this.reader = reader;
    for (const frame of await reader.until("ready", 30_000)) this.record(frame);
    return reader;
  }

  private record(frame: SseFrame) {
    if (frame.id) this.lastId = frame.id;
    if (frame.event !== "change") return;
    const at = performance.now();
    const event = JSON.parse(frame.data) as { subjectId: string; version: number | null };
    const key = `${event.subjectId}@${event.version}`;
    if (!this.arrived.has(key)) this.arrived.set(key, at);
  }

  /** Opens the stream and resolves once it is live (its "ready" event). */
  async open(): Promise<void> {
    let reader = await this.connect();
    this.done = (async () => {
      for (;;) {
        const frame = await reader.next(3_600_000).catch(() => null);
        if (frame) {
          this.record(frame);
          continue;
        }
        if (this.closed) return;
        this.reconnects++;
        for (;;) {
          await new Promise((r) => setTimeout(r, 500));
          if (this.closed) return;
          try {
            reader = await this.connect();
            break;
          } catch {
            // the server is busy or going away: try again
          }
        }
      }
    })();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.reader?.close();
    this.controller.abort();
    await this.done;
  }
}

async function setUp(apps: BenchApp[], databaseUrl: string, log: (m: string) => void) {
  const db = createDb(databaseUrl);
  try {
    await seedDemoNewsroom(db);
    const story = await db.story.findFirstOrThrow({ select: { id: true } });
    const articles = await db.article.findMany({ where: { storyId: story.id }, select: { id: true, text: true } });
    const labels = await db.label.findMany({ where: { kind: "ENTITY" }, select: { id: true } });
    const passwordHash = await hashPassword(PASSWORD);
    const stamp = Date.now();
    const editors: Editor[] = [];
    for (let i = 0; i < EDITORS; i++) {
      const email = `bench-live-${stamp}-${i}@bench.parallax.test`;
      await db.user.create({ data: { email, name: `Editor ${i}`, role: "EDITOR", passwordHash } });
      const app = apps[i % apps.length]!;
      const { name, value } = await signIn(app.baseUrl, email, PASSWORD);
      editors.push({ app, cookie: `${name}=${value}` });
    }
    log(`${EDITORS} editors signed in, ${EDITORS / apps.length} on each of ${apps.length} instances`);
    return {
      storyId: story.id,
      editors,
      words: articles.flatMap((a) => wordsOf(a.id, a.text)),
      labels: labels.map((l) => l.id),
    };
  } finally {
    await db.$disconnect();
  }
}

type Setup = Awaited<ReturnType<typeof setUp>>;

interface RunResult {
  /** Event delay per (write, editor) delivered, ms. */
  delays: number[];
  writes: number[];
  /** (write, editor) pairs delivered more than LATE_MS after the write's acknowledgement. */
  late: number;
  /** (write, editor) pairs never delivered within DRAIN_MS of the last write. */
  lost: number;
  reconnects: number;
  failures: string[];
}

async function drive(setup: Setup, seconds: number): Promise<RunResult> {
  const streams = setup.editors.map((e) => new Stream(e, setup.storyId));
  await Promise.all(streams.map((s) => s.open()));
  const acked = new Map<string, number>();
  const writes: number[] = [];
  const failures: string[] = [];
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

  const write = async (editor: Editor) => {
    const word = pick(setup.words);
    const t0 = performance.now();
    const res = await writeSpan(editor.app.baseUrl, editor.cookie, word, pick(setup.labels));
    const body = (await res.json()) as { results?: { ok: boolean; span?: { id: string; version: number } }[] };
    const at = performance.now();
    writes.push(at - t0);
    const span = body.results?.[0]?.span;
    if (!res.ok || !span) return void failures.push(`${res.status} ${JSON.stringify(body).slice(0, 120)}`);
    acked.set(`${span.id}@${span.version}`, at);
  };

  const total = seconds * WRITES_PER_SECOND;
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / WRITES_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent.push(write(setup.editors[i % setup.editors.length]!));
  }
  await Promise.all(sent);
  // Let the last events arrive: what has not after DRAIN_MS is lost.
  const deadline = performance.now() + DRAIN_MS;
  const complete = () => streams.every((s) => [...acked.keys()].every((k) => s.arrived.has(k)));
  while (!complete() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  const delays: number[] = [];
  let late = 0;
  let lost = 0;
  for (const s of streams) {
    for (const [key, at] of acked) {
      const got = s.arrived.get(key);
      if (got === undefined) lost++;
      else {
        delays.push(got - at);
        if (got - at > LATE_MS) late++;
      }
    }
  }
  await Promise.all(streams.map((s) => s.close()));
  const reconnects = streams.reduce((n, s) => n + s.reconnects, 0);
  return { delays, writes, late, lost, reconnects, failures };
}

/** Resident memory of the servers per extra idle stream (KiB). */
async function memoryPerStream(apps: BenchApp[], setup: Setup): Promise<number> {
  const resident = () => apps.reduce((sum, a) => sum + (a.pid ? treeResidentKiB(a.pid) : 0), 0);
  await new Promise((r) => setTimeout(r, 1_000));
  const before = resident();
  const idle = Array.from(
    { length: IDLE_STREAMS },
    (_, i) => new Stream(setup.editors[i % setup.editors.length]!, setup.storyId),
  );
  for (let i = 0; i < idle.length; i += 50) await Promise.all(idle.slice(i, i + 50).map((s) => s.open()));
  await new Promise((r) => setTimeout(r, 2_000));
  const after = resident();
  await Promise.all(idle.map((s) => s.close()));
  return (after - before) / IDLE_STREAMS;
}

const bench: Bench = {
  name: "realtime",
  description: `live events to ${EDITORS} editors on two instances while spans are written at ${WRITES_PER_SECOND}/s`,
  async run(ctx) {
    const { url } = await ctx.freshDatabase("realtime");
    const apps = [await ctx.startApp(url), await ctx.startApp(url)];
    const setup = await setUp(apps, url, ctx.log);
    const seconds = ctx.quick ? 3 : 10;
    const runs = Math.max(ctx.runs, 1);

    await drive(setup, ctx.quick ? 2 : 4); // warm-up: JIT, connection pools, the hubs' LISTEN connections
    const p = { p50: [] as number[], p95: [] as number[], p99: [] as number[], write: [] as number[] };
    const counts = { late: [] as number[], lost: [] as number[], reconnects: [] as number[], failed: [] as number[] };
    const memory: number[] = [];
    const failures: string[] = [];
    for (let run = 0; run < runs; run++) {
      const r = await drive(setup, seconds);
      failures.push(...r.failures);
      // Nothing delivered at all: no figure, but it still counts as a run.
      const q = (at: number) => (r.delays.length ? quantile(r.delays, at) : Number.POSITIVE_INFINITY);
      p.p50.push(q(0.5));
      p.p95.push(q(0.95));
      p.p99.push(q(0.99));
      p.write.push(quantile(r.writes, 0.95));
      counts.late.push(r.late);
      counts.lost.push(r.lost);
      counts.reconnects.push(r.reconnects);
      counts.failed.push(r.failures.length);
      memory.push(await memoryPerStream(apps, setup));
      ctx.log(
        `run ${run + 1}/${runs}: ${r.writes.length} writes (${r.failures.length} failed), ${r.delays.length} events; ` +
          `event p50 ${p.p50.at(-1)!.toFixed(1)} ms, p95 ${p.p95.at(-1)!.toFixed(1)} ms, p99 ${p.p99.at(-1)!.toFixed(1)} ms; ` +
          `${r.late} late (> ${LATE_MS} ms), ${r.lost} lost (not within ${DRAIN_MS / 1000} s), ${r.reconnects} reconnects; ` +
          `write p95 ${p.write.at(-1)!.toFixed(1)} ms; ${memory.at(-1)!.toFixed(0)} KiB per stream`,
      );
    }
    for (const app of apps) await app.stop();
    if (failures.length) ctx.log(`failed writes, e.g. ${[...new Set(failures)].slice(0, 5).join("; ")}`);
    const note = `${EDITORS} editors on 2 instances, ${WRITES_PER_SECOND} span writes/s`;
    const measurements: Measurement[] = [
      { name: "write ack → event received p50", unit: "ms", samples: p.p50, note },
      { name: "write ack → event received p95", unit: "ms", samples: p.p95, goal: 250 },
      { name: "write ack → event received p99", unit: "ms", samples: p.p99 },
      {
        name: `events late (> ${LATE_MS} ms)`,
        unit: "events",
        samples: counts.late,
        note: `of ${EDITORS} × ${seconds * WRITES_PER_SECOND} per run`,
      },
      { name: `events lost (none within ${DRAIN_MS / 1000} s)`, unit: "events", samples: counts.lost, goal: 0 },
      { name: "streams reopened after the server ended them", unit: "streams", samples: counts.reconnects },
      { name: "span writes failed", unit: "writes", samples: counts.failed, goal: 0 },
      { name: "span write p95 (under live load)", unit: "ms", samples: p.write, goal: 50 },
      {
        name: "memory per open event stream",
        unit: "KiB",
        samples: memory,
        note: `servers' resident memory with ${IDLE_STREAMS} more idle streams open, less without, per stream`,
      },
    ];
    return measurements;
  },
};

export default bench;
