/**
 * The frame after a label key shows the new span: the reader paints it over
 * the text at once (a CSS Custom Highlight in the label's colour, the pending
 * selection's tint lifted) and draws its segments after that frame, which
 * then replace the paint. Checked in that very frame, over text with an
 * emoji, existing spans, Arabic and Chinese, where the paint must cover
 * exactly the quote.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { addSpan, dragOver, importFerryStory, openReader, readerPane } from "./support/reader-fixture";

const menu = (page: Page) => page.getByTestId("label-menu");

interface FirstFrame {
  highlights: { name: string; text: string }[];
  pendingTint: string | null;
  drawn: boolean;
}

type Watched = Window & { firstFrame?: Promise<FirstFrame> };

/**
 * In the page: from now on, waits for the next key and the frame that follows it. The returned
 * function resolves with what that frame paints: the highlights' names and texts, the pending
 * selection's tint, and whether a segment of a new span is drawn yet. (The listener is in place
 * when this resolves: a key sent after it cannot overtake it.)
 */
async function watchNextKey(page: Page, k: number): Promise<() => Promise<FirstFrame>> {
  await page.evaluate((k) => {
    const pane = document.querySelector<HTMLElement>(`[data-testid=pane-text-${k}]`)!;
    const ids = () => [...pane.querySelectorAll<HTMLElement>("[data-s]")].flatMap((el) => el.dataset.s!.split(" "));
    const had = new Set(ids());
    (window as Watched).firstFrame = new Promise<FirstFrame>((resolve) =>
      window.addEventListener(
        "keydown",
        () =>
          requestAnimationFrame(() => {
            const pending = pane.querySelector("[data-pending]");
            resolve({
              highlights: [...CSS.highlights.entries()].flatMap(([name, h]) =>
                [...h].map((r) => ({ name, text: r.toString() })),
              ),
              pendingTint: pending ? getComputedStyle(pending).backgroundColor : null,
              drawn: ids().some((id) => !had.has(id)),
            });
          }),
        { capture: true, once: true },
      ),
    );
  }, k);
  return () => page.evaluate(() => (window as Watched).firstFrame!);
}

test("a label key paints its span in the next frame, in every script, and the drawn segments replace that paint", async ({
  page,
  users,
  workerDb,
}) => {
  const story = await importFerryStory(workerDb, { languages: ["en", "ar", "zh-Hans"] });
  const editor = await users.signInAs(page, "EDITOR");
  // Already tagged: part of what the new English span covers.
  await addSpan(workerDb, editor, story, "en", "said", "ORG", { occurrence: 1 });
  await openReader(page, story.key, ["en", "ar", "zh-Hans"]);
  const color = await workerDb.label.findFirstOrThrow({ where: { key: "PERSON" } }).then((l) => l.color);

  const cases = [
    { k: 0, language: "en", quote: "she said 🚢" },
    { k: 1, language: "ar", quote: "سولبيرغ" },
    { k: 2, language: "zh-Hans", quote: "阿米拉·索尔贝里" },
  ] as const;
  for (const { k, language, quote } of cases) {
    await test.step(`pane ${k}: “${quote}”`, async () => {
      await dragOver(page, k, quote);
      await expect(menu(page)).toContainText(`Tag “${quote}” as`);
      await page.keyboard.type("person");
      const firstFrame = await watchNextKey(page, k);
      await page.keyboard.press("Enter");
      const first = await firstFrame();
      expect(first.highlights).toEqual([{ name: `px-quick-${color.slice(1).toLowerCase()}`, text: quote }]);
      expect(first.pendingTint).toBe("rgba(0, 0, 0, 0)");
      expect(first.drawn).toBe(false);

      // Then the span is saved, its segments drawn, and the paint is gone.
      await expect(menu(page)).toBeHidden();
      await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
      const { id } = await workerDb.span.findFirstOrThrow({
        where: { articleId: story.articleIds[language], quote, createdById: editor.id },
      });
      const segments = readerPane(page, k).locator(`[data-s~="${id}"]`);
      await expect(segments.first()).toBeVisible();
      expect((await segments.allTextContents()).join("")).toBe(quote);
      expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
      await expect(readerPane(page, k)).not.toHaveAttribute("data-quick");
      // Focus is back on the pane, shown as a ring on its frame rather than an outline over the text.
      await expect(readerPane(page, k)).toBeFocused();
      expect(await readerPane(page, k).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("none");
      const ring = await page.locator(`section[data-pane="${k}"]`).evaluate((el) => getComputedStyle(el).boxShadow);
      expect(ring).toMatch(/ 0px 0px 0px 2px$/);
    });
  }
  const quotes = await workerDb.span.findMany({
    where: { article: { story: { key: story.key } }, createdById: editor.id, label: { key: "PERSON" } },
    select: { quote: true },
  });
  expect(quotes.map((q) => q.quote).sort()).toEqual(cases.map((c) => c.quote).sort());
});
