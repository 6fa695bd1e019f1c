/**
 * Changing entities where editors meet them in the reader: relabelling a
 * span linked to an entity with another type offers to change the entity's
 * type (all its mentions follow) or to unlink the span.
 */
import { randomBytes } from "node:crypto";
import { createEntity } from "../lib/annotation/entities";
import { expect, test } from "./support/fixtures";
import { addSpan, importFerryStory, openReader, readerPane } from "./support/reader-fixture";

test.describe("entities from the reader", () => {
  test("relabelling an entity-linked span to another type offers to change the entity's type", async ({
    page,
    users,
    workerDb,
  }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "sv"] });
    const editor = await users.signInAs(page, "EDITOR");
    const org = await workerDb.label.findFirstOrThrow({ where: { key: "ORG" } });
    const person = await workerDb.label.findFirstOrThrow({ where: { key: "PERSON" } });
    const name = `Amira Solberg ${randomBytes(3).toString("hex")}`;
    const entity = await createEntity(workerDb, { name, labelId: org.id });
    const en = await addSpan(workerDb, editor, story, "en", "Amira Solberg", "ORG", { entityId: entity.id });
    const sv = await addSpan(workerDb, editor, story, "sv", "Amira Solberg", "ORG", { entityId: entity.id });
    await openReader(page, story.key, ["en", "sv"]);

    await readerPane(page, 0).locator(`[data-s~="${en}"]`).first().click();
    await page.keyboard.press("l");
    await page.keyboard.type("Person");
    await page.keyboard.press("Enter");
    const retype = page.getByTestId("entity-retype");
    await expect(retype).toContainText(`“Amira Solberg” is linked to ${name} (Organisation)`);
    await retype.getByRole("button", { name: `Make ${name} Person (all its mentions)` }).click();
    await expect(retype).toBeHidden();
    await expect(page.getByTestId("reader-notice")).toContainText("Changed the entity's type to Person");
    await expect(page.getByTestId("selected-span")).toContainText("Person");
    expect((await workerDb.entity.findUniqueOrThrow({ where: { id: entity.id } })).labelId).toBe(person.id);
    const spans = await workerDb.span.findMany({ where: { id: { in: [en, sv] } } });
    expect(spans.map((s) => s.labelId)).toEqual([person.id, person.id]);
    await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

    await test.step("or the span alone leaves its entity", async () => {
      await readerPane(page, 1).locator(`[data-s~="${sv}"]`).first().click();
      await page.keyboard.press("l");
      await page.keyboard.type("Organi");
      await page.keyboard.press("Enter");
      await retype.getByRole("button", { name: "Unlink and relabel this span only" }).click();
      await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
      await expect
        .poll(async () => {
          const s = await workerDb.span.findUniqueOrThrow({ where: { id: sv } });
          return [s.labelId, s.entityId];
        })
        .toEqual([org.id, null]);
    });
  });
});

test.describe("mentions in versions not open", () => {
  test("a mention chip for a closed language opens its pane scrolled to the mention", async ({
    page,
    users,
    workerDb,
  }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "sv", "fr"], long: true });
    const editor = await users.signInAs(page, "EDITOR");
    const person = await workerDb.label.findFirstOrThrow({ where: { key: "PERSON" } });
    const name = `Amira Solberg ${randomBytes(3).toString("hex")}`;
    const entity = await createEntity(workerDb, { name, labelId: person.id });
    await addSpan(workerDb, editor, story, "en", "Amira Solberg", "PERSON", { entityId: entity.id });
    // The second mention in French is in the last paragraph, after forty others.
    const fr = await addSpan(workerDb, editor, story, "fr", "Amira Solberg", "PERSON", {
      entityId: entity.id,
      occurrence: 1,
    });
    await openReader(page, story.key, ["en", "sv"]);

    await page.getByRole("button", { name: `${name}: “Amira Solberg” in fr, go to` }).click();
    await expect(page).toHaveURL(/\?a=en,sv,fr$/);
    const mention = readerPane(page, 2).locator(`[data-s~="${fr}"]`).first();
    await expect(mention).toBeInViewport();
    await expect(page.getByTestId("selected-span")).toContainText("“Amira Solberg”");
  });
});

test.describe("suggestions", () => {
  test("each suggestion shows its surrounding words; focusing one scrolls to and highlights the mention", async ({
    page,
    users,
    workerDb,
  }) => {
    const story = await importFerryStory(workerDb, { languages: ["en", "sv"], long: true });
    const editor = await users.signInAs(page, "EDITOR");
    const person = await workerDb.label.findFirstOrThrow({ where: { key: "PERSON" } });
    const name = `Amira Solberg ${randomBytes(3).toString("hex")}`;
    const entity = await createEntity(workerDb, { name, labelId: person.id });
    const first = await addSpan(workerDb, editor, story, "en", "Amira Solberg", "PERSON", { entityId: entity.id });
    await openReader(page, story.key, ["en", "sv"]);

    await readerPane(page, 0).locator(`[data-s~="${first}"]`).first().click();
    await page.getByTestId("selected-span").getByRole("button", { name: "Other mentions" }).click();
    const panel = page.getByTestId("suggestions-panel");
    const last = panel.getByTestId("suggestion").filter({ hasText: "cheered" });
    await expect(last.getByTestId("suggestion-context")).toContainText(
      "busiest weekend of the year, and Amira Solberg was cheered by the crowd.",
    );
    // Alike quotes read differently: the Swedish ones too have their own words around them.
    const contexts = await panel.getByTestId("suggestion-context").allTextContents();
    expect(new Set(contexts).size).toBe(contexts.length);

    await last.focus();
    const highlight = readerPane(page, 0).locator("[data-pending]");
    await expect(highlight).toHaveText("Amira Solberg");
    await expect(highlight).toBeInViewport();
  });
});
