/**
 * Renaming a story from the reader, and renaming and merging entities on the
 * entity page (reached from the reader's entity list).
 */
import { randomBytes } from "node:crypto";
import { createEntity } from "../lib/annotation/entities";
import { expect, test } from "./support/fixtures";
import { addSpan, importFerryStory, openReader } from "./support/reader-fixture";

test.describe("renaming and merging", () => {
  test("an editor renames the story in the reader; its address stays", async ({ page, users, workerDb }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "sv"] });
    await users.signInAs(page, "EDITOR");
    await openReader(page, story.key, ["en", "sv"]);
    const title = `Night ferries ${randomBytes(3).toString("hex")}`;
    await page.getByRole("button", { name: "Rename the story" }).click();
    await page.getByLabel("New name of the story").fill(title);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    expect(new URL(page.url()).pathname).toBe(`/stories/${story.key}`);
    expect((await workerDb.story.findUniqueOrThrow({ where: { key: story.key } })).title).toBe(title);
  });

  test("a viewer sees no rename or merge controls", async ({ page, users, workerDb }) => {
    const story = await importFerryStory(workerDb, { languages: ["en"] });
    const org = await workerDb.label.findFirstOrThrow({ where: { key: "ORG" } });
    const entity = await createEntity(workerDb, {
      name: `Viewer Co ${randomBytes(3).toString("hex")}`,
      labelId: org.id,
    });
    await users.signInAs(page, "VIEWER");
    await openReader(page, story.key, ["en"]);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Rename the story" })).toHaveCount(0);
    await page.goto(`/entities/${entity.id}`);
    await expect(page.getByTestId("entity-name")).toHaveText(entity.name);
    await expect(page.getByRole("button", { name: "Rename the entity" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Merge a duplicate into this entity" })).toHaveCount(0);
  });

  test("an editor renames an entity and merges its duplicate into it", async ({ page, users, workerDb }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "sv"] });
    const editor = await users.signInAs(page, "EDITOR");
    const person = await workerDb.label.findFirstOrThrow({ where: { key: "PERSON" } });
    const tag = randomBytes(3).toString("hex");
    const keep = await createEntity(workerDb, { name: `Amira Solberg ${tag}`, labelId: person.id });
    const dupe = await createEntity(workerDb, {
      name: `A. Solberg ${tag}`,
      labelId: person.id,
      wikidataQid: `Q9${parseInt(tag, 16)}`,
    });
    await addSpan(workerDb, editor, story, "en", "Amira Solberg", "PERSON", { entityId: keep.id });
    const moved = await addSpan(workerDb, editor, story, "sv", "Amira Solberg", "PERSON", { entityId: dupe.id });

    // From the reader's entity list to the entity's page.
    await openReader(page, story.key, ["en", "sv"]);
    await page.getByTestId("sidebar-entities").getByRole("link", { name: keep.name }).click();
    await expect(page.getByTestId("entity-name")).toHaveText(keep.name);

    const renamed = `Amira Solberg-Nyström ${tag}`;
    await page.getByRole("button", { name: "Rename the entity" }).click();
    await page.getByLabel("New name of the entity").fill(renamed);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("entity-name")).toHaveText(renamed);
    await expect(page.getByTestId("entity-aliases")).toContainText(keep.name);

    await page.getByLabel("Name, alias or Wikidata ID").fill(`A. Solberg ${tag}`);
    await page.getByRole("button", { name: "Find", exact: true }).click();
    const candidate = page.getByTestId("merge-candidates").locator(`[data-entity-id="${dupe.id}"]`);
    await expect(candidate).toContainText("1 mention");
    await candidate.getByRole("button", { name: `Merge ${dupe.name} into ${renamed}` }).click();
    await candidate
      .getByRole("group", { name: "Merge the entities" })
      .getByRole("button", { name: "Merge", exact: true })
      .click();

    await expect(page.getByTestId("entity-qid")).toHaveText(dupe.wikidataQid!);
    await expect(page.getByTestId("entity-aliases")).toContainText(dupe.name);
    await expect(page.getByTestId("entity-stories")).toContainText("2 mentions · en, sv");
    expect(await workerDb.entity.findUnique({ where: { id: dupe.id } })).toBeNull();
    expect((await workerDb.span.findUniqueOrThrow({ where: { id: moved } })).entityId).toBe(keep.id);
  });
});
