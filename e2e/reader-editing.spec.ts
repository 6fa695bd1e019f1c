/**
 * Tagging in the reader as editors actually type and drag: the label
 * picker's filter takes whole label names, selections snap to words (per
 * character with Alt) in Latin, Arabic and Chinese, the entity picker's
 * prefilled text is replaced by typing, and undo and redo say what they did.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { dragOver, importFerryStory, openReader, readerPane } from "./support/reader-fixture";

const menu = (page: Page) => page.getByTestId("label-menu");
const notice = (page: Page) => page.getByTestId("reader-notice");

test.describe("tagging in the reader", () => {
  test("typing a whole label name in the picker filters to it; no letter runs as a shortcut", async ({
    page,
    users,
    workerDb,
  }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "sv"] });
    await users.signInAs(page, "EDITOR");
    await openReader(page, story.key, ["en", "sv"]);

    await dragOver(page, 0, "Switzerland");
    await expect(menu(page)).toContainText("Tag “Switzerland” as");
    await expect(menu(page).getByRole("combobox")).toBeFocused();
    await page.keyboard.type("country"); // "c" is the claim tag's shortcut, "n" the reader's next-span key
    await expect(menu(page).getByRole("combobox")).toHaveValue("country");
    await expect(menu(page).getByRole("option", { selected: true })).toContainText("Country, city, state");
    await page.keyboard.press("Enter");
    await expect(menu(page)).toBeHidden();

    const span = readerPane(page, 0).locator("[data-s]").filter({ hasText: "Switzerland" });
    await expect(span).toHaveCount(1);
    // Still the span just made is selected (no letter jumped to another one), with the right label.
    await expect(page.getByTestId("selected-span")).toContainText("Country, city, state");
    await expect(page.getByTestId("selected-span")).toContainText("“Switzerland”");
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
    const spans = await workerDb.span.findMany({
      where: { articleId: story.articleIds.en, deletedAt: null },
      include: { label: true },
    });
    expect(spans.map((s) => [s.quote, s.label?.key])).toEqual([["Switzerland", "GPE"]]);

    await test.step("a shortcut key is first in its filter: c then Enter tags a claim", async () => {
      await dragOver(page, 0, "cost 48 million kronor");
      await page.keyboard.press("c");
      await expect(menu(page).getByRole("option", { selected: true })).toContainText("Claim");
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("selected-span")).toContainText("Claim");
    });
  });

  test("selections snap to whole words, per character with Alt, in Latin, Arabic and Chinese", async ({
    page,
    users,
    workerDb,
  }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "sv", "ar", "zh-Hans"] });
    await users.signInAs(page, "EDITOR");
    await openReader(page, story.key, ["en", "sv", "ar", "zh-Hans"]);

    await dragOver(page, 0, "collaboration", { from: 2, to: 12 }); // "llaboratio"
    await expect(menu(page)).toContainText("Tag “collaboration” as");
    await page.keyboard.press("Escape");
    await expect(menu(page)).toBeHidden();

    // A leading space and half a word: " och Storbrita".
    const sv = story.texts.sv;
    const och = sv.indexOf(" och Storbritannien");
    expect(och).toBeGreaterThan(0);
    await dragOver(page, 1, " och Storbritannien", { to: " och Storbrita".length });
    await expect(menu(page)).toContainText("Tag “och Storbritannien” as");
    await page.keyboard.press("Escape");

    await dragOver(page, 0, "collaboration", { from: 2, to: 12, alt: true });
    await expect(menu(page)).toContainText("Tag “llaboratio” as");
    await page.keyboard.press("Escape");

    // Arabic: part of "سولبيرغ" gives the whole word.
    await dragOver(page, 2, "سولبيرغ", { from: 2, to: 5 });
    await expect(menu(page)).toContainText("Tag “سولبيرغ” as");
    await page.keyboard.type("person");
    await page.keyboard.press("Enter");
    await expect(menu(page)).toBeHidden(); // closes as the tag is recorded
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

    // Chinese: one character of a dictionary word gives the word.
    await dragOver(page, 3, "政府", { from: 1, to: 2 });
    await expect(menu(page)).toContainText("Tag “政府” as");
    await page.keyboard.press("Escape");

    const arabic = await workerDb.span.findFirstOrThrow({ where: { articleId: story.articleIds.ar } });
    const at = story.texts.ar.indexOf("سولبيرغ");
    expect([arabic.start, arabic.end, arabic.quote]).toEqual([
      [...story.texts.ar.slice(0, at)].length,
      [...story.texts.ar.slice(0, at)].length + [..."سولبيرغ"].length,
      "سولبيرغ",
    ]);
  });

  test("the entity picker's prefilled text is replaced by typing; undo and redo say what they did", async ({
    page,
    users,
    workerDb,
  }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "fr"] });
    await users.signInAs(page, "EDITOR");
    await openReader(page, story.key, ["en", "fr"]);

    await dragOver(page, 0, "Amira Solberg");
    await page.keyboard.type("person");
    await page.keyboard.press("Enter");
    await expect(notice(page)).toHaveText("Tagged “Amira Solberg” as Person.");
    await expect(notice(page)).toBeVisible();

    await test.step("the entity search starts with the quote selected: typing replaces it", async () => {
      await page.keyboard.press("e");
      const search = page.getByTestId("entity-linker").getByRole("combobox");
      await expect(search).toBeFocused();
      await expect(search).toHaveValue("Amira Solberg");
      expect(await search.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 13]);
      await page.keyboard.type("Captain Solberg");
      await expect(search).toHaveValue("Captain Solberg");
      await page
        .getByTestId("entity-linker")
        .getByRole("option", { name: /Create new .*“Captain Solberg”/ })
        .click();
      const name = page.getByTestId("entity-linker").getByLabel("Canonical name");
      await expect(name).toBeFocused();
      expect(await name.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!)).toBe(15);
      await page.keyboard.type("Amira Solberg (captain)");
      await expect(name).toHaveValue("Amira Solberg (captain)");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      await expect(page.getByTestId("entity-linker")).toBeHidden();
    });

    await test.step("undo and redo are announced on screen", async () => {
      await readerPane(page, 0).focus();
      const span = readerPane(page, 0).locator("[data-s]").filter({ hasText: "Amira Solberg" });
      await page.keyboard.press("Control+z");
      await expect(notice(page)).toHaveText("Undone: tagging “Amira Solberg” as Person.");
      await expect(notice(page)).toBeVisible();
      await expect(span).toHaveCount(0);
      await page.keyboard.press("Control+Shift+z");
      await expect(notice(page)).toHaveText("Redone: tagging “Amira Solberg” as Person.");
      await expect(span).toHaveCount(1);
      await page.keyboard.press("Control+Shift+z");
      await expect(notice(page)).toHaveText("Nothing to redo.");
      await page.keyboard.press("Control+z");
      await page.keyboard.press("Control+z");
      await expect(notice(page)).toHaveText("Nothing to undo.");
    });
  });
});
