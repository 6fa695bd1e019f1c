/**
 * What else another editor changes reaches an open reader live, without a
 * reload: a new revision of a version the reader has open is announced (the
 * text itself never changes under the reader's eyes), and a renamed story
 * shows its new title.
 */
import type { Page } from "@playwright/test";
import { editArticle } from "../lib/revisions/edit";
import { renameStory } from "../lib/stories/rename";
import { expect, test } from "./support/fixtures";
import { importCorpusStory, openStory } from "./support/annotate";

const liveStatus = (page: Page) => page.getByTestId("live-status");

test.describe("live revisions", () => {
  test("another editor revises a version the reader has open: the reader is told within a second", async ({
    page,
    users,
    workerDb,
  }) => {
    const key = await importCorpusStory(workerDb, `live-rev-${Date.now().toString(36)}-`);
    await users.signInAs(page, "EDITOR");
    const other = await users.create("EDITOR");
    await openStory(page, key, ["sv", "en"]);
    await expect(liveStatus(page)).toHaveAttribute("data-state", "live");
    await page.evaluate(() => ((window as unknown as { liveMarker: string }).liveMarker = "loaded once"));

    const sv = await workerDb.article.findFirstOrThrow({ where: { story: { key }, language: "sv" } });
    await editArticle(
      workerDb,
      { id: other.id, email: other.email },
      { id: sv.id, expectedRevision: sv.revision, text: `${sv.text}\n\nRättelse: tillägg.`, note: null },
    );
    await expect(page.getByTestId("reader-notice")).toContainText("The sv version was revised by another editor", {
      timeout: 1_000,
    });
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe("loaded once");
  });

  // The feed sends story.renamed with the new title; the reader does not paint it yet.
  test("another editor renames the story: the reader shows the new title within a second", async ({
    page,
    users,
    workerDb,
  }) => {
    const key = await importCorpusStory(workerDb, `live-ren-${Date.now().toString(36)}-`);
    await users.signInAs(page, "EDITOR");
    const other = await users.create("EDITOR");
    await openStory(page, key, ["sv", "en"]);
    await expect(liveStatus(page)).toHaveAttribute("data-state", "live");
    await page.evaluate(() => ((window as unknown as { liveMarker: string }).liveMarker = "loaded once"));

    const story = await workerDb.story.findUniqueOrThrow({ where: { key } });
    const title = `${story.title} (updated)`;
    await renameStory(workerDb, { id: other.id, email: other.email }, { storyId: story.id, title });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title, { timeout: 1_000 });
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe("loaded once");
  });
});
