/**
 * The reader's layout and freshness as editors met them: an unknown story
 * answers 404, a link naming more versions than fit says which were left out
 * and lets the editor show one, and the sidebar's ↻ brings in another
 * editor's new spans without a reload; emoji are drawn in colour where the
 * system has a colour emoji font.
 */
import { execFileSync } from "node:child_process";
import { expect, test } from "./support/fixtures";
import { addSpan, importFerryStory, openReader, readerPane } from "./support/reader-fixture";

/** Whether fontconfig lists the system's own Noto Color Emoji (Linux; elsewhere, or without fc-list, no). */
function systemHasNotoEmoji(): boolean {
  try {
    return execFileSync("fc-list", [":family=Noto Color Emoji", "family"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

test.describe("the reader's layout", () => {
  test("emoji are drawn with the system's colour emoji font where it has one", async ({ page, users, workerDb }) => {
    // The bundled font's COLRv1 glyphs are blank in Debian's Chromium: without a system emoji font there is nothing to check.
    test.skip(!systemHasNotoEmoji(), "the system has no Noto Color Emoji (Debian: fonts-noto-color-emoji)");
    const story = await importFerryStory(workerDb, { languages: ["en"] });
    await users.signInAs(page, "VIEWER");
    await openReader(page, story.key, ["en"]);
    const paragraph = readerPane(page, 0).locator('[data-p="1"]');
    await expect(paragraph).toContainText("🚢");
    await page.evaluate(() => document.fonts.ready);
    // Text in the pane's own white is not seen, but a colour glyph is; hidden, the paragraph shows nothing:
    // the two differ only by the emoji. (Chromium paints no text at all in a transparent colour.)
    await paragraph.evaluate((el) => (el.style.color = getComputedStyle(el.closest(".reader-text")!).backgroundColor));
    const clip = (await paragraph.boundingBox())!;
    const transparent = await page.screenshot({ clip });
    await paragraph.evaluate((el) => (el.style.visibility = "hidden"));
    const hidden = await page.screenshot({ clip });
    expect(transparent.equals(hidden)).toBe(false);
  });

  test("an unknown story key answers 404 and says so", async ({ page, users }) => {
    await users.signInAs(page, "VIEWER");
    const res = await page.goto("/stories/no-such-story-at-all");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "There is no such story" })).toBeVisible();
  });

  test("five languages in ?a= show four, say which is left out, and let the editor show it", async ({
    page,
    users,
    workerDb,
  }) => {
    const story = await importFerryStory(workerDb);
    await users.signInAs(page, "EDITOR");
    await openReader(page, story.key, ["en", "sv", "fr", "zh-Hans", "ar"]);
    await expect(page.getByTestId("pane-language")).toHaveText(["en", "sv", "fr", "zh-Hans"]);
    const overflow = page.getByTestId("layout-overflow");
    await expect(overflow).toContainText("At most 4 versions fit side by side, so ar is not shown.");
    await overflow.getByRole("button", { name: "Show ar instead of zh-Hans" }).click();
    await expect(page.getByTestId("pane-language")).toHaveText(["en", "sv", "fr", "ar"]);
    await expect(page).toHaveURL(/\?a=en,sv,fr,ar$/);

    // With four open, the chooser still offers the fifth, in place of the last pane.
    await page.getByLabel("Show another version instead of ar").selectOption(story.articleIds["zh-Hans"]);
    await expect(page.getByTestId("pane-language")).toHaveText(["en", "sv", "fr", "zh-Hans"]);
  });

  test("↻ in the story sidebar brings in another editor's new span", async ({ page, users, workerDb }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "sv"] });
    const other = await users.create("EDITOR");
    await users.signInAs(page, "EDITOR");
    await openReader(page, story.key, ["en", "sv"]);
    await expect(readerPane(page, 0).locator("[data-s]")).toHaveCount(0);

    await addSpan(workerDb, other, story, "en", "Amira Solberg", "PERSON");
    await page.getByRole("button", { name: "Refresh the story’s entities and claims" }).click();
    await expect(readerPane(page, 0).locator("[data-s]").filter({ hasText: "Amira Solberg" })).toHaveCount(1);
  });
});

test.describe("dates in the reader", () => {
  test("every pane shows its publication date in the app's one format, isolated from right-to-left text", async ({
    page,
    users,
    workerDb,
  }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "ar"] });
    await users.signInAs(page, "VIEWER");
    await openReader(page, story.key, ["en", "ar"]);
    const dates = page.getByTestId("pane-date").locator("time");
    await expect(dates).toHaveText(["8 May 2026", "10 May 2026"]);
    const ar = dates.nth(1);
    await expect(ar).toHaveAttribute("dateTime", "2026-05-10");
    // Isolated: the digits cannot join the Arabic outlet's run and reorder.
    expect(await ar.evaluate((el) => getComputedStyle(el.parentElement!).unicodeBidi)).toBe("isolate");
    expect(await ar.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
  });
});
