/**
 * The reader on a 1,000,000-character article with 50,000 spans (generated,
 * nested and overlapping): it opens, the End key scrolls the pane to the
 * last paragraph with its highlights drawn, and an editor tags a word there
 * with the keyboard; the span is saved at the right code points.
 */
import { randomBytes } from "node:crypto";
import { importJsonl } from "../lib/import";
import { generate } from "../tests/support/long-article";
import { expect, test } from "./support/fixtures";
import { openReader, readerPane } from "./support/reader-fixture";

test.describe("a very long article", () => {
  test.setTimeout(180_000);

  test("an editor tags a word near the end of a 1,000,000-character article", async ({ page, users, workerDb }) => {
    const key = `long-${randomBytes(4).toString("hex")}`;
    const long = generate(1_000_000, 50_000, 7);
    const line = { external_id: key, story: key, language: "en", title: "Long", text: long.text, spans: long.spans };
    const report = await importJsonl(workerDb, { content: JSON.stringify(line) + "\n" });
    expect(report.rejected).toEqual([]);
    const article = await workerDb.article.findFirstOrThrow({ where: { externalId: key } });
    // The importer merges the few generated spans that repeat one another.
    expect(await workerDb.span.count({ where: { articleId: article.id } })).toBeGreaterThan(45_000);

    await users.signInAs(page, "EDITOR");
    await openReader(page, key, ["en"]);
    const pane = readerPane(page, 0);
    await pane.focus();
    const paragraphs = await pane.locator("[data-p]").count();
    const last = pane.locator(`[data-p="${paragraphs - 1}"]`);
    // Paragraphs take their real height as they are laid out near the viewport: End again until it stays at the end.
    await expect(async () => {
      await page.keyboard.press("End");
      await expect(last).toBeInViewport({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    // The spans near the viewport are drawn there (claims cover every eighth sentence to the end).
    await expect
      .poll(() =>
        pane.evaluate(
          (el, n) =>
            [...el.querySelectorAll<HTMLElement>("[data-p] [data-s]")].some(
              (s) => Number(s.closest<HTMLElement>("[data-p]")!.dataset.p) >= n - 6,
            ),
          paragraphs,
        ),
      )
      .toBe(true);

    // Caret mode starts at the top paragraph in view; Down moves by paragraphs, down to the last.
    await page.keyboard.press("c");
    for (let i = 0; i < 12; i++) await page.keyboard.press("ArrowDown");
    for (let i = 0; i < 6; i++) await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Enter");
    const from = Number(await last.getAttribute("data-o"));
    const quote = long.text.slice(from, from + 6);
    await expect(page.getByTestId("label-menu")).toContainText(`Tag “${quote}” as`);
    await page.keyboard.type("law");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("label-menu")).toBeHidden(); // closes as the tag is recorded
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    await expect(last.locator("[data-s]").filter({ hasText: quote }).first()).toBeVisible();

    const span = await workerDb.span.findFirstOrThrow({
      where: { articleId: article.id, source: "MANUAL", deletedAt: null },
      include: { label: true },
    });
    // The generated text is ASCII: code points are UTF-16 indices.
    expect([span.start, span.end, span.quote]).toEqual([from, from + 6, quote]);
    expect(span.start).toBeGreaterThan(990_000);
  });
});
