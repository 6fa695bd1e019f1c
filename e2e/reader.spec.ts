/**
 * The side-by-side reader (issue 4 item 4) and span annotation in it (issue 5):
 * the fixture corpus story in three languages with scroll sync, Chinese and Arabic
 * rendering, a URL that reproduces the layout, the keyboard, and creating,
 * relabelling, deleting and undoing a span with the mouse and the keyboard.
 */
import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { importJsonl } from "../lib/import";
import { corpusFile } from "../tests/support/corpus-dir";
import { expect, test } from "./support/fixtures";

const CORPUS_STORY = "fixture-tidal-talks-2025";
const DEMO_STORY = "varnhamn-shore-power";

/** The fixture corpus with its gold spans, imported through the real importer (idempotent: a second run changes nothing). */
async function ensureCorpus(db: Parameters<typeof importJsonl>[0]) {
  const read = (file: string) =>
    readFileSync(corpusFile(file), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { external_id: string; spans?: unknown[] });
  const gold = new Map(read("gold-spans.jsonl").map((g) => [g.external_id, g.spans]));
  const lines = read("articles.jsonl").map((a) => JSON.stringify({ ...a, spans: gold.get(a.external_id) ?? [] }));
  const report = await importJsonl(db, { content: lines.join("\n") + "\n" });
  expect(report.rejected).toEqual([]);
}

/** Opens a reader URL and waits until the workspace is hydrated (keys pressed earlier would be lost). */
async function openReader(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator("[data-testid=reader][data-ready]")).toBeAttached();
}

const pane = (page: Page, k: number) => page.getByTestId(`pane-text-${k}`);

/** Index of the paragraph at the top of a pane's scrolled view. */
async function topParagraph(scroller: Locator): Promise<number> {
  return scroller.evaluate((el) => {
    const top = el.getBoundingClientRect().top + 14;
    const paragraphs = [...el.querySelectorAll<HTMLElement>("[data-p]")];
    const hit = paragraphs.find((p) => p.getBoundingClientRect().bottom > top);
    return Number(hit?.dataset.p ?? -1);
  });
}

test.describe("the side-by-side reader", () => {
  test.beforeAll(async ({ workerDb }) => {
    await ensureCorpus(workerDb);
  });

  test("opens the fixture story in Swedish, English and French; the other panes follow a scrolled one", async ({
    page,
    users,
  }) => {
    await users.signInAs(page, "EDITOR");
    await openReader(page, `/stories/${CORPUS_STORY}?a=sv,en,fr`);
    await expect(page.getByTestId("pane-language")).toHaveText(["sv", "en", "fr"]);
    // The English and French versions have no title: a fallback names them.
    await expect(page.getByRole("heading", { level: 2, name: /^Untitled \(en/ })).toBeVisible();
    await expect(pane(page, 0)).toHaveAttribute("lang", "sv");
    // Gold spans are drawn.
    await expect(pane(page, 1).locator("[data-s]").first()).toBeVisible();

    await test.step("scrolling Swedish keeps French on the aligned paragraph", async () => {
      const sv = pane(page, 0);
      const fr = pane(page, 2);
      const en = pane(page, 1);
      // Swedish has three header paragraphs the French lacks: Swedish k+3 is French k.
      await sv.hover();
      for (let i = 0; i < 8 && (await topParagraph(sv)) < 5; i++) await page.mouse.wheel(0, 200);
      await expect.poll(() => topParagraph(sv)).toBeGreaterThanOrEqual(4);
      const svTop = await topParagraph(sv);
      expect(svTop).toBeLessThanOrEqual(10); // still in the body the French translates
      await expect.poll(() => topParagraph(fr)).toBe(svTop - 3);
      await expect.poll(() => en.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    });

    await test.step("the URL reproduces the layout, and changing the layout changes the URL", async () => {
      await page.getByRole("button", { name: "Move fr left" }).click();
      await expect(page).toHaveURL(/\?a=sv,fr,en$/);
      await expect(page.getByTestId("pane-language")).toHaveText(["sv", "fr", "en"]);
      const other = await page.context().newPage();
      await other.goto(page.url());
      await expect(other.getByTestId("pane-language")).toHaveText(["sv", "fr", "en"]);
      await other.close();
    });
  });

  test("Chinese renders with CJK line breaking, Arabic right to left, with bundled fonts", async ({ page, users }) => {
    await users.signInAs(page, "VIEWER");
    await openReader(page, `/stories/${DEMO_STORY}?a=zh-Hans,ar,en`);
    const zh = pane(page, 0);
    const ar = pane(page, 1);
    await expect(zh).toContainText("瓦恩港");
    await expect(zh).toHaveAttribute("lang", "zh-Hans");
    expect(await zh.evaluate((el) => getComputedStyle(el).lineBreak)).toBe("strict");
    await expect(ar).toHaveAttribute("dir", "rtl");
    expect(await ar.evaluate((el) => getComputedStyle(el.querySelector("[data-p]")!).direction)).toBe("rtl");
    expect(await pane(page, 2).evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
    // The fonts come from the app itself (no network beyond it) and cover both scripts.
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      await Promise.all([
        document.fonts.load('16px "Noto Sans SC"', "瓦恩港"),
        document.fonts.load('16px "Noto Naskh Arabic"', "ميناء"),
      ]);
      return [
        document.fonts.check('16px "Noto Sans SC"', "瓦恩港"),
        document.fonts.check('16px "Noto Naskh Arabic"', "ميناء"),
      ];
    });
    expect(fonts).toEqual([true, true]);

    // The fixture corpus's Chinese and Arabic versions too, with their gold spans drawn.
    await openReader(page, `/stories/fixture-arctic-lanes-2026?a=zh-Hans,ar,en`);
    await expect(pane(page, 0)).toContainText("在哥德堡举行");
    await expect(pane(page, 0).locator("[data-p]")).toHaveCount(4);
    await expect(pane(page, 1)).toHaveAttribute("dir", "rtl");
    await expect(pane(page, 1)).toContainText("ليلى حدّاد");
    await expect(pane(page, 1).locator("[data-s]").filter({ hasText: "غوتنبرغ" }).first()).toBeVisible();
  });

  test("an unknown story says so", async ({ page, users }) => {
    await users.signInAs(page, "VIEWER");
    await page.goto("/stories/no-such-story");
    await expect(page.getByRole("heading", { name: "There is no such story" })).toBeVisible();
  });

  test("is usable from the keyboard: panes, spans, shortcuts", async ({ page, users }) => {
    await users.signInAs(page, "VIEWER");
    await openReader(page, `/stories/${DEMO_STORY}?a=en,sv`);
    await expect(page.getByTestId("pane-language")).toHaveText(["en", "sv"]);
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();

    await page.keyboard.press("2");
    await expect(pane(page, 1)).toBeFocused();
    await page.keyboard.press("1");
    await expect(pane(page, 0)).toBeFocused();
    await page.keyboard.press("n");
    await expect(page.getByTestId("selected-span")).toBeVisible();
    // The selected span's counterparts (same entity) light up in the Swedish pane.
    const key = await page.locator("[data-s][style*='outline'], [data-k]").first().getAttribute("data-k");
    expect(key).toBeTruthy();
    await expect
      .poll(() =>
        pane(page, 1)
          .locator(`[data-k~="${key!.split(" ")[0]}"]`)
          .first()
          .evaluate((el) => getComputedStyle(el).backgroundColor),
      )
      .toBe("rgba(250, 204, 21, 0.55)");
    // Viewers get no edit controls.
    await expect(
      page.getByRole("button", { name: /Relabel|Delete span|Edit alignment|Link entity|Link claim/ }),
    ).toHaveCount(0);
  });
});

test.describe("annotating in the reader", () => {
  const tag = Date.now().toString(36);
  const storyKey = `e2e-reader-${tag}`;
  const text = [
    "Kattegat Ferries met the port 👩‍👩‍👧 board in Varnhamn on Monday.",
    "The harbour district welcomed the news.",
  ].join("\n\n");

  test.beforeAll(async ({ workerDb }) => {
    const lines = [
      { external_id: `${storyKey}-en`, story: storyKey, language: "en", title: "Ferries", text },
      {
        external_id: `${storyKey}-ar`,
        story: storyKey,
        language: "ar",
        title: "عبّارات",
        text: "افتتح ميناء فارنهامن يوم الاثنين.",
      },
    ];
    const report = await importJsonl(workerDb, { content: lines.map((l) => JSON.stringify(l)).join("\n") + "\n" });
    expect(report.imported).toBe(2);
  });

  test("an editor creates a span with the mouse, relabels, deletes and undoes it", async ({
    page,
    users,
    workerDb,
  }) => {
    await users.signInAs(page, "EDITOR");
    await openReader(page, `/stories/${storyKey}?a=en,ar`);
    const en = pane(page, 0);
    await expect(en).toContainText("Kattegat Ferries");

    // Drag across "Kattegat Ferries".
    const box = await en.evaluate((el) => {
      const node = el.querySelector("[data-p='0']")!.firstChild!;
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, "Kattegat Ferries".length);
      const r = range.getBoundingClientRect();
      return { x: r.left, y: r.top + r.height / 2, right: r.right };
    });
    await page.mouse.move(box.x + 1, box.y);
    await page.mouse.down();
    await page.mouse.move(box.right - 1, box.y, { steps: 5 });
    await page.mouse.up();
    const menu = page.getByTestId("label-menu");
    await expect(menu).toContainText("Tag “Kattegat Ferries” as");
    await page.keyboard.press("o");
    await page.keyboard.press("Enter");
    await expect(menu).toBeHidden();
    const created = en.locator("[data-s]").filter({ hasText: "Kattegat Ferries" });
    await expect(created).toHaveCount(1);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    const article = await workerDb.article.findFirstOrThrow({ where: { externalId: `${storyKey}-en` } });
    const span = await workerDb.span.findFirstOrThrow({ where: { articleId: article.id }, include: { label: true } });
    expect([span.start, span.end, span.quote, span.label?.key]).toEqual([0, 16, "Kattegat Ferries", "ORG"]);

    await test.step("relabel with l, delete with Delete, undo with Ctrl+Z", async () => {
      await page.keyboard.press("l");
      await expect(menu).toContainText("Relabel “Kattegat Ferries” as");
      await page.keyboard.press("m");
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("selected-span")).toContainText("Miscellaneous");
      await page.keyboard.press("Delete");
      await expect(created).toHaveCount(0);
      await page.keyboard.press("Control+z");
      await expect(created).toHaveCount(1);
      await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
      const after = await workerDb.span.findUniqueOrThrow({ where: { id: span.id }, include: { label: true } });
      expect([after.deletedAt, after.label?.key]).toEqual([null, "MISC"]);
    });
  });

  test("an editor tags with the keyboard only; the caret never splits an emoji", async ({ page, users, workerDb }) => {
    await users.signInAs(page, "EDITOR");
    await openReader(page, `/stories/${storyKey}?a=en,ar`);
    await page.keyboard.press("1");
    await page.keyboard.press("c");
    // "Kattegat Ferries met the port " is 30 characters; the family emoji is one grapheme of 8 code units.
    for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("label-menu")).toContainText("Tag “👩‍👩‍👧” as");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("label-menu")).toBeHidden(); // closes as the tag is recorded
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    const article = await workerDb.article.findFirstOrThrow({ where: { externalId: `${storyKey}-en` } });
    const span = await workerDb.span.findFirstOrThrow({
      where: { articleId: article.id, quote: "👩‍👩‍👧", deletedAt: null },
      include: { label: true },
    });
    // Code points: the emoji is 5 (three people and two joiners).
    expect([span.start, span.end, span.label?.key]).toEqual([30, 35, "ORG"]);
  });

  test("an editor corrects the paragraph alignment, which is stored; a reset brings the automatic one back", async ({
    page,
    users,
    workerDb,
  }) => {
    await users.signInAs(page, "EDITOR");
    await openReader(page, `/stories/${storyKey}?a=en,ar`);
    await page.getByRole("button", { name: "Edit alignment" }).click();
    const editor = page.getByRole("region", { name: "Paragraph alignment" });
    await expect(editor).toContainText("automatic");
    const first = editor.getByLabel(/^Counterpart of paragraph 1 of Ferries/);
    const second = editor.getByLabel(/^Counterpart of paragraph 2 of Ferries/);
    await expect(first).toHaveValue("0");
    await first.selectOption({ label: "— no counterpart —" });
    await second.selectOption({ index: 1 });
    await editor.getByRole("button", { name: "Save alignment" }).click();
    await expect(editor.getByRole("status")).toHaveText("Alignment saved.");
    await expect(editor).toContainText("corrected by an editor");
    const stored = await workerDb.paragraphAlignment.findFirstOrThrow({ where: { story: { key: storyKey } } });
    expect(stored.pairs).toBeTruthy();

    // A fresh page shows the stored correction.
    await openReader(page, `/stories/${storyKey}?a=en,ar`);
    await page.getByRole("button", { name: "Edit alignment" }).click();
    await expect(first).toHaveValue("");
    await expect(second).toHaveValue("0");
    await editor.getByRole("button", { name: "Reset to automatic" }).click();
    await expect(editor.getByRole("status")).toHaveText("Back to the automatic alignment.");
    await expect(workerDb.paragraphAlignment.count({ where: { story: { key: storyKey } } })).resolves.toBe(0);
  });
});
