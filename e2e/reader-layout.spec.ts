/**
 * The reader's layout and freshness as editors met them: an unknown story
 * answers 404, a link naming more versions than fit says which were left out
 * and lets the editor show one, and the sidebar's ↻ brings in another
 * editor's new spans without a reload.
 */
import { expect, test } from "./support/fixtures";
import { addSpan, importFerryStory, openReader, readerPane } from "./support/reader-fixture";

test.describe("the reader's layout", () => {
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
