/**
 * Two editors change one entity: the second save is made against a version
 * that is gone, so the server answers VERSION_CONFLICT and the reader shows
 * the entity as it is now instead of overwriting it; choosing again saves.
 */
import { randomBytes } from "node:crypto";
import { createEntity, updateEntity } from "../lib/annotation/entities";
import { expect, test } from "./support/fixtures";
import { addSpan, importFerryStory, openReader, readerPane } from "./support/reader-fixture";

test("changing an entity's type someone else just edited shows their change and overwrites nothing", async ({
  page,
  users,
  workerDb,
}) => {
  const story = await importFerryStory(workerDb, { languages: ["en", "sv"] });
  const editor = await users.signInAs(page, "EDITOR");
  const other = await users.create("EDITOR");
  const org = await workerDb.label.findFirstOrThrow({ where: { key: "ORG" } });
  const person = await workerDb.label.findFirstOrThrow({ where: { key: "PERSON" } });
  const tag = randomBytes(3).toString("hex");
  const entity = await createEntity(workerDb, { name: `Amira Solberg ${tag}`, labelId: org.id });
  const en = await addSpan(workerDb, editor, story, "en", "Amira Solberg", "ORG", { entityId: entity.id });
  await openReader(page, story.key, ["en", "sv"]);

  await readerPane(page, 0).locator(`[data-s~="${en}"]`).first().click();
  await page.keyboard.press("l");
  await page.keyboard.type("Person");
  await page.keyboard.press("Enter");
  const retype = page.getByTestId("entity-retype");
  await expect(retype).toContainText(`is linked to Amira Solberg ${tag} (Organisation)`);

  // Meanwhile another editor renames the entity.
  const renamed = `A. Solberg ${tag}`;
  await updateEntity(workerDb, { id: other.id }, entity.id, { baseVersion: entity.version, name: renamed });

  await retype.getByRole("button", { name: `Make Amira Solberg ${tag} Person (all its mentions)` }).click();
  await expect(retype.getByTestId("entity-retype-error")).toHaveText(
    `Someone changed this entity meanwhile: it is now ${renamed} (Organisation). Nothing was overwritten; choose again.`,
  );
  const stored = await workerDb.entity.findUniqueOrThrow({ where: { id: entity.id } });
  expect(stored).toMatchObject({ name: renamed, labelId: org.id, version: 2 });

  // The panel now knows the current version: choosing again saves.
  await retype.getByRole("button", { name: `Make ${renamed} Person (all its mentions)` }).click();
  await expect(retype).toBeHidden();
  await expect(page.getByTestId("reader-notice")).toContainText("Changed the entity's type to Person");
  await expect
    .poll(async () => (await workerDb.entity.findUniqueOrThrow({ where: { id: entity.id } })).labelId)
    .toBe(person.id);
  expect((await workerDb.entity.findUniqueOrThrow({ where: { id: entity.id } })).name).toBe(renamed);
});
