/**
 * Helpers of the annotation specs (e2e/annotate*.spec.ts): a private copy of
 * the fixture corpus's sv/en/fr story imported through the real importer, and
 * text selection in a reader pane by mouse or by caret mode.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { splitParagraphs } from "../../lib/alignment/paragraphs";
import { applySpanMutations } from "../../lib/annotation/spans";
import type { Db } from "../../lib/db";
import { importJsonl } from "../../lib/import";
import { expect } from "./fixtures";
import { corpusFile } from "../../tests/support/corpus-dir";

export const CORPUS_STORY = "fixture-tidal-talks-2025";

/**
 * Imports the fixture corpus story `fixture-tidal-talks-2025` (text only, no gold
 * spans) under `prefix`, through the real importer; idempotent. Entities are
 * global, spans per story: a private copy keeps each test's sidebar its own.
 * Returns the story key.
 */
export async function importCorpusStory(db: Db, prefix: string): Promise<string> {
  const lines = readFileSync(corpusFile("articles.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { external_id: string; story: string })
    .filter((a) => a.story === CORPUS_STORY)
    .map((a) => JSON.stringify({ ...a, external_id: `${prefix}${a.external_id}`, story: `${prefix}${a.story}` }));
  const dir = mkdtempSync(path.join(os.tmpdir(), "parallax-annotate-"));
  try {
    const file = path.join(dir, "story.jsonl");
    writeFileSync(file, lines.join("\n") + "\n");
    const report = await importJsonl(db, { path: file });
    expect(report.rejected).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return `${prefix}${CORPUS_STORY}`;
}

export const pane = (page: Page, k: number): Locator => page.getByTestId(`pane-text-${k}`);

/** Opens a story's versions side by side and waits for the workspace to be interactive. */
export async function openStory(page: Page, key: string, languages: string[]): Promise<void> {
  await page.goto(`/stories/${key}?a=${languages.join(",")}`);
  await expect(page.getByTestId("pane-language")).toHaveText(languages);
  await expect(page.getByTestId("annotation-panel")).toHaveAttribute("data-ready", "true");
}

/** Drags the mouse across the `occurrence`-th `quote` in pane `k` (text may be split by span elements). */
export async function selectWithMouse(page: Page, k: number, quote: string, occurrence = 0): Promise<void> {
  const scroller = pane(page, k);
  // Pointing at the pane makes it the one scroll sync follows, so a late scroll of another pane
  // cannot move this one (as it would under a user's hand too).
  await scroller.hover();
  // Scrolls the quote into view, then waits (frame by frame, in the page) until it stands still.
  const box = await scroller.evaluate(
    async (el, { quote, occurrence }) => {
      // Found afresh at each look: panes re-render their text as they scroll.
      const find = () => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        let text = "";
        const starts: number[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          starts.push(text.length);
          nodes.push(n as Text);
          text += (n as Text).data;
        }
        let at = -1;
        for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
        if (at < 0) throw new Error(`"${quote}" is not in the pane`);
        const pos = (u: number, end: boolean) => {
          let i = starts.length - 1;
          while (i > 0 && (starts[i]! > u || (end && starts[i] === u))) i--;
          return { node: nodes[i]!, offset: u - starts[i]! };
        };
        const a = pos(at, false);
        const b = pos(at + quote.length, true);
        const range = document.createRange();
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
        return range;
      };
      const measure = () => {
        const rects = [...find().getClientRects()].filter((r) => r.width > 0);
        const first = rects[0]!;
        const last = rects[rects.length - 1]!;
        return {
          x1: first.left + 1,
          y1: first.top + first.height / 2,
          x2: last.right - 1,
          y2: last.top + last.height / 2,
        };
      };
      const frame = () => new Promise<number>((done) => requestAnimationFrame(done));
      /** Waits until the quote has not moved for 150 ms and 8 frames (at most 3 s). */
      const still = async () => {
        let box = measure();
        let since = await frame();
        for (let frames = 0, start = since; ;) {
          const now = await frame();
          const next = measure();
          if (JSON.stringify(next) !== JSON.stringify(box)) [box, since, frames] = [next, now, 0];
          else if (++frames >= 8 && now - since >= 150) return box;
          if (now - start > 3000) return box;
        }
      };
      // Twice: what the first scroll sets off (scroll sync, spans drawn near the view) may move
      // the quote; the second scroll brings it back to the centre (or does nothing).
      let box = measure();
      for (let pass = 0; pass < 2; pass++) {
        find().startContainer.parentElement!.scrollIntoView({ block: "center" });
        box = await still();
      }
      return box;
    },
    { quote, occurrence },
  );
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 6 });
  await page.mouse.up();
}

const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)].length;

/**
 * Keyboard only: focuses pane `k` (its number key), enters caret mode (c) at
 * the top of the pane, walks down to the paragraph and right to `quote`, and
 * extends over it with Shift+→. `text` is the article's text.
 */
export async function selectWithCaret(page: Page, k: number, text: string, quote: string): Promise<void> {
  const at = text.indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" is not in the text`);
  const cp = [...text.slice(0, at)].length;
  const paragraphs = splitParagraphs(text);
  const p = paragraphs.findIndex((q) => q.start <= cp && cp < q.end);
  const before = [...text].slice(paragraphs[p]!.start, cp).join("");
  await page.keyboard.press(String(k + 1));
  await expect(pane(page, k)).toBeFocused();
  await page.keyboard.press("Home"); // the focused pane scrolls to its top
  await expect.poll(() => pane(page, k).evaluate((el) => el.scrollTop)).toBe(0);
  await page.keyboard.press("c");
  for (let i = 0; i < p; i++) await page.keyboard.press("ArrowDown");
  for (let i = 0, n = graphemes(before); i < n; i++) await page.keyboard.press("ArrowRight");
  for (let i = 0, n = graphemes(quote); i < n; i++) await page.keyboard.press("Shift+ArrowRight");
}

/** The save state line (the reader's, or the annotation panel's SaveStatus). */
export const saveState = (page: Page): Locator =>
  page.locator('[data-testid="save-status"], [data-testid="save-state"]').first();

/** The text of every version of a story, by language. */
export async function storyTexts(db: Db, key: string): Promise<Record<string, string>> {
  const articles = await db.article.findMany({ where: { story: { key } }, select: { language: true, text: true } });
  return Object.fromEntries(articles.map((a) => [a.language, a.text]));
}

/** A span on the first `quote` of the story's `language` version, made directly through the domain (as `user`). */
export async function createSpanDirect(
  db: Db,
  user: { id: string; name: string },
  key: string,
  language: string,
  quote: string,
  kind: "ENTITY" | "CLAIM",
  labelKey: string,
): Promise<string> {
  const article = await db.article.findFirstOrThrow({ where: { story: { key }, language } });
  const label = await db.label.findFirstOrThrow({ where: { key: labelKey } });
  const at = article.text.indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" is not in the ${language} text`);
  const start = [...article.text.slice(0, at)].length;
  const id = randomUUID();
  const [result] = await applySpanMutations(db, { ...user, canReview: true }, article.id, [
    {
      type: "create",
      mutationId: randomUUID(),
      span: { id, articleId: article.id, start, end: start + [...quote].length, quote, kind, labelId: label.id },
    },
  ]);
  expect(result?.ok, JSON.stringify(result)).toBe(true);
  return id;
}
