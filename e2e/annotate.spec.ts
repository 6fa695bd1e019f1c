/**
 * Issue 5, "Done when", with the mouse: in a copy of the fixture corpus
 * story fixture-tidal-talks-2025 (and the seeded demo), tag "Kestrel
 * University" in English as ORG and link a new entity, accept its French
 * (and Swedish) mentions from the suggestions, tag a claim in Swedish and
 * link the same claim in English and French; the story sidebar shows one
 * entity and one claim with spans in three languages, and all of it is still
 * there after a reload (and in the database).
 */
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createSpanDirect, importCorpusStory, openStory, pane, saveState, selectWithMouse } from "./support/annotate";

const CLAIM = {
  sv: "i mars och september 2025",
  en: "in March and September 2025",
  fr: "en mars et en septembre 2025",
};
const STATEMENT = "The Swedish–French tidal-energy talks were held in March and September 2025";

/** Creates a new entity from the open EntityLinker; accepts creating a same-named one if another test made it first. */
async function createEntityWithMouse(page: Page) {
  const linker = page.getByTestId("entity-linker");
  await linker.getByRole("option", { name: /Create new .*entity “Kestrel University”/ }).click();
  await expect(linker.getByLabel("Canonical name")).toHaveValue("Kestrel University");
  await expect(linker.getByLabel("Type")).toHaveValue(/.+/);
  await linker.getByLabel("Wikidata QID").fill("Q4115189");
  await linker.getByRole("button", { name: "Create and link" }).click();
  const anyway = linker.getByRole("button", { name: "Create another anyway" });
  await expect(page.getByTestId("suggestions-panel").or(anyway)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
}

/**
 * Clicks `button` with a pause between press and release, checking that nothing moves under the
 * pointer meanwhile (no focus change, no jump of the panes): otherwise the release lands elsewhere
 * and the click is lost.
 */
async function pressHeld(page: Page, button: Locator) {
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  const scrolls = () => page.locator('[data-testid^="pane-text-"]').evaluateAll((els) => els.map((e) => e.scrollTop));
  const focus = () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? null);
  const [scrolled, focused] = [await scrolls(), await focus()];
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await focus()).toBe(focused);
  expect(await button.boundingBox()).toEqual(box);
  expect(await scrolls()).toEqual(scrolled);
  await page.mouse.up();
}

async function tagClaim(page: Page, k: number, quote: string) {
  await selectWithMouse(page, k, quote);
  await expect(page.getByTestId("label-menu")).toBeVisible();
  await page.keyboard.press("c"); // the claim tag's shortcut: first in the filtered list
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("label-menu")).toBeHidden();
  await page
    .getByTestId("selected-span")
    .getByRole("button", { name: /Link claim/ })
    .click();
  await expect(page.getByTestId("claim-linker")).toBeVisible();
}

test.describe("annotating a story across languages with the mouse", () => {
  test("tag, link an entity, accept suggestions, link one claim in three languages; reload keeps it", async ({
    page,
    users,
    workerDb,
  }) => {
    const key = await importCorpusStory(workerDb, `ann-mouse-${Date.now().toString(36)}-`);
    const editor = await users.signInAs(page, "EDITOR");
    await openStory(page, key, ["sv", "en", "fr"]);

    await test.step("select “Kestrel University” in English, tag it ORG, link a new entity", async () => {
      await selectWithMouse(page, 1, "Kestrel University");
      const menu = page.getByTestId("label-menu");
      await expect(menu).toContainText("Kestrel University");
      await page.keyboard.press("o");
      await page.keyboard.press("Enter");
      await expect(pane(page, 1).locator("[data-s]").filter({ hasText: "Kestrel University" })).toHaveCount(1);
      const selected = page.getByTestId("selected-span");
      await expect(selected).toContainText("Organisation");
      await selected.getByRole("button", { name: /Link entity/ }).click();
      await createEntityWithMouse(page);
    });

    await test.step("accept “université de Kestrel” in French and the Swedish mention", async () => {
      const panel = page.getByTestId("suggestions-panel");
      const fr = panel.getByTestId("suggestion").filter({ hasText: "université de Kestrel" });
      await expect(fr).toContainText("cognate");
      await expect(panel.getByTestId("suggestion").first()).toBeFocused();
      await expect(fr).not.toBeFocused(); // not the active row: pressing it must not make it one mid-click
      await pressHeld(page, fr.getByRole("button", { name: "Accept" }));
      await expect(fr).toHaveCount(0);
      const sv = panel
        .getByTestId("suggestion")
        .filter({ has: page.locator("span", { hasText: /^sv$/ }) })
        .first();
      await sv.getByRole("button", { name: "Accept" }).click();
      // (Panes draw spans only near what is on screen: the sidebar lists them all.)
      const entity = page.getByTestId("sidebar-entities").locator("li[data-entity-id]");
      await expect(entity.locator('[data-language="fr"]')).toContainText("université de Kestrel");
      await expect(entity.locator('[data-language="sv"]')).toContainText("Kestrel University");
      await panel.getByRole("button", { name: "Close suggestions" }).click();
    });

    await test.step("tag a claim in Swedish and create it; link the same claim in English and French", async () => {
      await tagClaim(page, 0, CLAIM.sv);
      const linker = page.getByTestId("claim-linker");
      await linker.getByRole("option", { name: /Create new claim/ }).click();
      await linker.getByLabel("Normalized statement").fill(STATEMENT);
      await linker.getByLabel("Date").fill("2025-09-30");
      await linker.getByLabel("Evidence URLs").fill("https://example.org/report");
      await linker.getByRole("button", { name: "Create and link" }).click();
      await expect(linker).toBeHidden();

      for (const [k, quote] of [
        [1, CLAIM.en],
        [2, CLAIM.fr],
      ] as const) {
        await tagClaim(page, k, quote);
        await linker.getByRole("option", { name: STATEMENT }).click();
        await expect(linker).toBeHidden();
      }
      await expect(saveState(page)).toHaveText("All changes saved");
    });

    const checkSidebar = async () => {
      const entities = page
        .getByTestId("sidebar-entities")
        .getByRole("listitem")
        .filter({ has: page.locator("[data-language]") });
      await expect(entities).toHaveCount(1);
      await expect(entities.first()).toContainText("Kestrel University");
      await expect(entities.first().locator("[data-language]")).toHaveCount(3);
      const claims = page.getByTestId("sidebar-claims").locator("li[data-claim-id]");
      await expect(claims).toHaveCount(1);
      await expect(claims.first()).toContainText(STATEMENT);
      for (const [language, quote] of Object.entries(CLAIM)) {
        await expect(claims.first().locator(`[data-language="${language}"]`)).toContainText(quote);
      }
    };

    await test.step("the sidebar shows one entity and one claim with spans in three languages", async () => {
      await checkSidebar();
    });

    await test.step("reload: everything is there, in the panes, the sidebar and the database", async () => {
      await page.reload();
      await expect(page.getByTestId("annotation-panel")).toHaveAttribute("data-ready", "true");
      await checkSidebar();
      // Jumping from the sidebar draws the French span in its pane.
      await page
        .getByTestId("sidebar-entities")
        .getByRole("button", { name: /université de Kestrel/ })
        .click();
      await expect(pane(page, 2).locator("[data-s]").filter({ hasText: "université de Kestrel" })).toHaveCount(1);
      const story = await workerDb.story.findUniqueOrThrow({ where: { key } });
      const spans = await workerDb.span.findMany({
        where: { article: { storyId: story.id }, deletedAt: null },
        include: { article: true, entity: true, claim: true, createdBy: true },
      });
      const entitySpans = spans.filter((s) => s.entityId);
      expect(new Set(entitySpans.map((s) => s.entityId)).size).toBe(1);
      expect(entitySpans.map((s) => s.article.language).sort()).toEqual(["en", "fr", "sv"]);
      expect(entitySpans.find((s) => s.article.language === "fr")).toMatchObject({
        quote: "université de Kestrel",
        source: "SUGGESTION",
      });
      expect(entitySpans[0]!.entity).toMatchObject({ name: "Kestrel University", wikidataQid: "Q4115189" });
      const claimSpans = spans.filter((s) => s.claimId);
      expect(new Set(claimSpans.map((s) => s.claimId)).size).toBe(1);
      expect(claimSpans.map((s) => [s.article.language, s.quote]).sort()).toEqual(Object.entries(CLAIM).sort());
      expect(claimSpans[0]!.claim).toMatchObject({ statement: STATEMENT, storyId: story.id });
      expect(spans.every((s) => s.createdById === editor.id)).toBe(true);
    });
  });

  test("in the seeded demo: tag and link a new entity, accept its French cognate, then delete both again", async ({
    page,
    users,
  }) => {
    await users.signInAs(page, "EDITOR");
    await openStory(page, "varnhamn-shore-power", ["en", "fr"]);
    await selectWithMouse(page, 0, "Varnhamn Maritime Institute");
    await page.keyboard.press("o");
    await page.keyboard.press("Enter");
    const selected = page.getByTestId("selected-span");
    await selected.getByRole("button", { name: /Link entity/ }).click();
    const linker = page.getByTestId("entity-linker");
    await linker.getByRole("option", { name: /Create new .*entity “Varnhamn Maritime Institute”/ }).click();
    await linker.getByRole("button", { name: "Create and link" }).click();
    const suggestion = page
      .getByTestId("suggestions-panel")
      .getByTestId("suggestion")
      .filter({ hasText: "institut maritime de Varnhamn" });
    await suggestion.getByRole("button", { name: "Accept" }).click();
    await page.getByRole("button", { name: "Close suggestions" }).click();

    const entity = page.getByTestId("sidebar-entities").locator("li[data-entity-id]").filter({
      hasText: "Varnhamn Maritime Institute",
    });
    await expect(entity.locator("[data-language]")).toHaveText([/^en/, /^fr/]);
    await expect(entity.locator('[data-language="fr"]')).toContainText("institut maritime de Varnhamn");
    await expect(saveState(page)).toHaveText("All changes saved");

    // Leave the shared demo as it was: jump to each span from the sidebar and delete it.
    for (const quote of ["institut maritime de Varnhamn", "Varnhamn Maritime Institute"]) {
      await entity.getByRole("button", { name: new RegExp(`“${quote}”`) }).click();
      await expect(selected).toContainText(quote);
      await page.keyboard.press("Delete");
      await expect(saveState(page)).toHaveText("All changes saved");
    }
    await expect(entity).toHaveCount(0);
  });

  test("an ORG inside a CLAIM: the panel lists both, innermost first, each with its history", async ({
    page,
    users,
    workerDb,
  }) => {
    const key = await importCorpusStory(workerDb, `ann-nested-${Date.now().toString(36)}-`);
    const user = await users.signInAs(page, "EDITOR");
    const sentence =
      "Researchers at Kestrel University have spent much of 2025 in quiet talks with French energy companies";
    const claimId = await createSpanDirect(workerDb, user, key, "en", sentence, "CLAIM", "CLAIM");
    const orgId = await createSpanDirect(workerDb, user, key, "en", "Kestrel University", "ENTITY", "ORG");
    await openStory(page, key, ["en", "fr"]);

    const inner = pane(page, 0).locator(`[data-s~="${orgId}"][data-s~="${claimId}"]`).first();
    await inner.scrollIntoViewIfNeeded();
    await inner.click();
    const items = page.getByTestId("selected-span").getByTestId("span-inspector").locator("li[data-span-id]");
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toHaveAttribute("data-span-id", orgId);
    await expect(items.nth(0)).toContainText("Organisation");
    await expect(items.nth(1)).toHaveAttribute("data-span-id", claimId);
    await expect(items.nth(1)).toContainText("Claim");
    await items.nth(1).getByRole("button", { name: "History" }).click();
    await expect(items.nth(1).getByTestId("span-history")).toContainText(`${user.name} created as Claim`);
    // Selecting the outer span from the list makes it the selected one.
    await items.nth(1).getByRole("button", { name: "Select" }).click();
    await expect(page.getByTestId("selected-span").getByRole("button", { name: /Link claim/ })).toBeVisible();
  });

  test("an editor approves and rejects a span; the decision is saved and a viewer sees it without the buttons", async ({
    page,
    browser,
    users,
    workerDb,
  }) => {
    const key = await importCorpusStory(workerDb, `ann-review-${Date.now().toString(36)}-`);
    const editor = await users.signInAs(page, "EDITOR");
    const spanId = await createSpanDirect(workerDb, editor, key, "en", "Kestrel University", "ENTITY", "ORG");
    await openStory(page, key, ["en", "fr"]);

    const span = pane(page, 0).locator(`[data-s~="${spanId}"]`).first();
    await span.scrollIntoViewIfNeeded();
    await span.click();
    const review = page.getByTestId("selected-span").getByRole("group", { name: "Review" });
    await review.getByRole("button", { name: "Approve" }).click();
    await expect(review.getByRole("button", { name: "Approve" })).toHaveAttribute("aria-pressed", "true");
    await expect(saveState(page)).toHaveText("All changes saved");
    expect((await workerDb.span.findUniqueOrThrow({ where: { id: spanId } })).reviewStatus).toBe("APPROVED");

    await review.getByRole("button", { name: "Reject" }).click();
    await expect(saveState(page)).toHaveText("All changes saved");
    expect((await workerDb.span.findUniqueOrThrow({ where: { id: spanId } })).reviewStatus).toBe("REJECTED");

    const viewerContext = await browser.newContext();
    const viewerPage = await viewerContext.newPage();
    await users.signInAs(viewerPage, "VIEWER");
    await openStory(viewerPage, key, ["en"]);
    const seen = pane(viewerPage, 0).locator(`[data-s~="${spanId}"]`).first();
    await seen.scrollIntoViewIfNeeded();
    await seen.click();
    await expect(viewerPage.getByTestId("selected-span")).toContainText("rejected");
    await expect(viewerPage.getByRole("group", { name: "Review" })).toHaveCount(0);
    await viewerContext.close();
  });
});
