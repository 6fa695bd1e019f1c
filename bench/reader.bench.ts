/**
 * The reader in Chromium against the production build (issue 4 and 5):
 *
 * - time to interactive of an article of 100,000 characters with 5,000
 *   spans (nested and overlapping: entities inside claims), from navigation
 *   start to the workspace hydrated, its visible spans drawn and the next
 *   frame free (goal: under 500 ms);
 * - the time from the key that confirms a label to the new span's highlight
 *   being painted (goal: within one frame, 16 ms);
 * - frame times while scrolling that article beside a second version of
 *   the same length (scroll sync on), p50 and p95 of each run;
 * - the time to open a 2 MB article the same way.
 *
 * Each is reported as the median over BENCH_RUNS runs.
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { createDb } from "../lib/db";
import { hashPassword } from "../lib/auth/password";
import { seedTaxonomy } from "../lib/demo/seed";
import { importJsonl } from "../lib/import";
import { CHROMIUM_ARGS } from "../scripts/lib/chromium";
import { quantile, type Bench, type Measurement } from "./types";
import { signIn } from "./sign-in";

const PASSWORD = "bench-reader-password";
const WORDS = (
  "harbour ferry power quay port director terminal emissions ships berth summer reporters kronor union " +
  "research institute quality residents district noise night association news engine diesel route"
).split(" ");
const NAMES = ["Varnhamn", "Kattegat Ferries", "Ingrid Halvorsen", "Kiel", "European Union", "Maritime Institute"];

/** A generated article of about `chars` characters in paragraphs of ~400, and `spanCount` spans over it. */
export function generate(chars: number, spanCount: number, seed = 1) {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const paragraphs: string[] = [];
  const spans: { start: number; end: number; text: string; kind: string; label?: string }[] = [];
  const names: { start: number; end: number; text: string }[] = [];
  const sentences: { start: number; end: number }[] = [];
  let length = 0;
  while (length < chars) {
    let p = "";
    while (p.length < 400) {
      const start = length + p.length;
      let sentence = "";
      for (let w = 0; w < 12; w++) {
        if (rand() < 0.5) {
          const name = NAMES[Math.floor(rand() * NAMES.length)]!;
          names.push({ start: start + sentence.length, end: start + sentence.length + name.length, text: name });
          sentence += name + " ";
        } else sentence += WORDS[Math.floor(rand() * WORDS.length)]! + " ";
      }
      sentence = sentence.trimEnd() + ". ";
      sentences.push({ start, end: start + sentence.length - 1 });
      p += sentence;
    }
    p = p.trimEnd();
    paragraphs.push(p);
    length += p.length + 2;
  }
  const text = paragraphs.join("\n\n").slice(0, chars);
  // Entities on names, and every eighth sentence a claim over it (names inside claims nest).
  const claimEvery = 8;
  for (let k = 0; k < sentences.length && spans.length < spanCount / 10; k += claimEvery) {
    const s = sentences[k]!;
    if (s.end <= text.length)
      spans.push({ start: s.start, end: s.end, text: text.slice(s.start, s.end), kind: "claim" });
  }
  for (const n of names) {
    if (spans.length >= spanCount) break;
    if (n.end <= text.length) spans.push({ ...n, kind: "entity", label: n.text.includes(" ") ? "ORG" : "GPE" });
  }
  return { text, spans };
}

// In-page code is written as strings: tsx compiles functions with esbuild's keepNames,
// whose __name() helper does not exist in the page.
const WAIT_READY = `new Promise((resolve) => {
  const check = () => {
    const ready = document.querySelector("[data-testid=reader][data-ready]");
    const text = document.querySelector("[data-testid=pane-text-0] [data-p]");
    if (ready && text) requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    else requestAnimationFrame(check);
  };
  check();
})`;

const TIME_CREATE_PAINT = `new Promise((resolve) => {
  let t0 = 0;
  setTimeout(() => resolve(Number.NaN), 10000);
  const pane = document.querySelector("[data-testid=pane-text-0]");
  const ids = () => new Set([...pane.querySelectorAll("[data-s]")].flatMap((el) => el.dataset.s.split(" ")));
  const before = ids();
  window.addEventListener("keydown", () => (t0 = performance.now()), { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (!t0 || pane.querySelector("[data-pending]")) return;
    if (![...ids()].some((id) => !before.has(id))) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
  });
  observer.observe(pane, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-s"] });
})`;

const START_FRAMES = `(() => {
  window.frames_ = [];
  window.stop_ = false;
  let last = performance.now();
  const tick = (t) => {
    window.frames_.push(t - last);
    last = t;
    if (!window.stop_) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const STOP_FRAMES = `(() => { window.stop_ = true; return window.frames_.slice(2); })()`;

/** Opens `url` and resolves with ms from navigation start until hydrated, spans drawn and a frame later. */
async function openAndTime(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  return page.evaluate<number>(WAIT_READY);
}

const bench: Bench = {
  name: "reader",
  description: "Reader in Chromium: time to interactive (100k chars, 5k spans), create→paint, scroll frames, 2 MB open",
  async run(ctx) {
    const { url } = await ctx.freshDatabase("reader");
    const db = createDb(url);
    const big = generate(100_000, 5_000, 1);
    const twin = generate(100_000, 0, 2);
    const huge = generate(ctx.quick ? 500_000 : 2_000_000 - 1_000, 0, 3);
    const email = `bench-reader-${Date.now()}@bench.parallax.test`;
    try {
      await seedTaxonomy(db);
      await db.user.create({
        data: { email, name: "Reader bench", role: "EDITOR", passwordHash: await hashPassword(PASSWORD) },
      });
      const lines = [
        {
          external_id: "bench-big",
          story: "bench-reader",
          language: "en",
          title: "Big",
          text: big.text,
          spans: big.spans,
        },
        { external_id: "bench-twin", story: "bench-reader", language: "fr", title: "Jumeau", text: twin.text },
        { external_id: "bench-huge", story: "bench-huge", language: "en", title: "Huge", text: huge.text },
      ];
      const report = await importJsonl(db, { content: lines.map((l) => JSON.stringify(l)).join("\n") + "\n" });
      if (report.rejected.length) throw new Error(`import rejected: ${JSON.stringify(report.rejected)}`);
      const spanCount = await db.span.count({ where: { article: { externalId: "bench-big" } } });
      ctx.log(
        `article of ${big.text.length} characters with ${spanCount} spans; 2 MB article ${huge.text.length} characters`,
      );
    } finally {
      await db.$disconnect();
    }

    const app = await ctx.startApp(url);
    let browser: Browser | undefined;
    try {
      const cookie = await signIn(app.baseUrl, email, PASSWORD);
      browser = await chromium.launch({ executablePath: ctx.chromiumPath(), args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ ...cookie, url: app.baseUrl }]);
      const page = await context.newPage();
      const bigUrl = `${app.baseUrl}/stories/bench-reader?a=en`;
      const pairUrl = `${app.baseUrl}/stories/bench-reader?a=en,fr`;
      const hugeUrl = `${app.baseUrl}/stories/bench-huge?a=en`;
      await openAndTime(page, bigUrl); // warm-up: server caches, compiled code

      const tti: number[] = [];
      const createPaint: number[] = [];
      const scrollP50: number[] = [];
      const scrollP95: number[] = [];
      const open2mb: number[] = [];
      for (let run = 0; run < ctx.runs; run++) {
        tti.push(await openAndTime(page, bigUrl));

        // Create a span with the keyboard and time confirm → painted highlight.
        await page.keyboard.press("1");
        await page.keyboard.press("c");
        for (let i = 0; i < run + 1; i++) await page.keyboard.press("ArrowDown");
        for (let i = 0; i < 6; i++) await page.keyboard.press("Shift+ArrowRight");
        await page.keyboard.press("Enter");
        await page.getByTestId("label-menu").waitFor();
        const painted = page.evaluate<number>(TIME_CREATE_PAINT);
        await page.waitForTimeout(50);
        await page.keyboard.press("m");
        createPaint.push(await painted);

        // Scroll frame times with two synced panes.
        await openAndTime(page, pairUrl);
        const pane = page.getByTestId("pane-text-0");
        await pane.hover();
        await page.evaluate(START_FRAMES);
        for (let i = 0; i < 60; i++) {
          await page.mouse.wheel(0, 250);
          await page.waitForTimeout(16);
        }
        const frames = await page.evaluate<number[]>(STOP_FRAMES);
        scrollP50.push(quantile(frames, 0.5));
        scrollP95.push(quantile(frames, 0.95));

        open2mb.push(await openAndTime(page, hugeUrl));
        ctx.log(
          `run ${run + 1}: TTI ${tti.at(-1)!.toFixed(0)} ms, create→paint ${createPaint.at(-1)!.toFixed(1)} ms, ` +
            `scroll p50 ${scrollP50.at(-1)!.toFixed(1)} / p95 ${scrollP95.at(-1)!.toFixed(1)} ms, 2 MB open ${open2mb.at(-1)!.toFixed(0)} ms`,
        );
      }
      const measurements: Measurement[] = [
        { name: "time to interactive, 100,000 characters and 5,000 spans", unit: "ms", samples: tti, goal: 500 },
        { name: "create span → highlight painted", unit: "ms", samples: createPaint, goal: 16 },
        { name: "scroll frame time p50 (two synced panes)", unit: "ms", samples: scrollP50, goal: 16.7 },
        { name: "scroll frame time p95 (two synced panes)", unit: "ms", samples: scrollP95 },
        {
          name: ctx.quick ? "open a 0.5 MB article (quick)" : "open a 2 MB article",
          unit: "ms",
          samples: open2mb,
        },
      ];
      return measurements;
    } finally {
      await browser?.close();
      await app.stop();
    }
  },
};

export default bench;
