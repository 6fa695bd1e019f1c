/**
 * Issue 5, "Done when", saving: two browser contexts as two editors on one
 * article — conflicting edits of one span show a conflict with the current
 * value, never a lost update; a change made while the server is unreachable
 * (offline, or the answer lost after the server applied it, or across a
 * reload) is saved once it is back, exactly once (checked in the database).
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { applySpanMutations } from "../lib/annotation/spans";
import { archiveLabel, createLabel } from "../lib/taxonomy/labels";
import type { Db } from "../lib/db";
import { expect, test, watchPage, type TestUser, type Users } from "./support/fixtures";
import { importCorpusStory, openStory, pane, saveState, selectWithMouse } from "./support/annotate";

async function articleOf(db: Db, key: string, language: string) {
  return db.article.findFirstOrThrow({ where: { story: { key }, language } });
}

/** A span on the first "Kestrel University" of the English version, made directly through the domain. */
async function seedSpan(db: Db, key: string, user: TestUser): Promise<string> {
  const article = await articleOf(db, key, "en");
  const org = await db.label.findFirstOrThrow({ where: { key: "ORG" } });
  const start = [...article.text.slice(0, article.text.indexOf("Kestrel University"))].length;
  const id = randomUUID();
  const [result] = await applySpanMutations(db, { id: user.id, name: user.name, canReview: true }, article.id, [
    {
      type: "create",
      mutationId: randomUUID(),
      span: {
        id,
        articleId: article.id,
        start,
        end: start + 18,
        quote: "Kestrel University",
        kind: "ENTITY",
        labelId: org.id,
      },
    },
  ]);
  expect(result?.ok).toBe(true);
  return id;
}

async function editorPage(browser: Browser, users: Users, problems: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchPage(page, problems);
  const user = await users.signInAs(page, "EDITOR");
  return { context, page, user };
}

/** Clicks span `id` in pane `k` and relabels it with the label picker's shortcut `key`. */
async function relabel(page: Page, k: number, id: string, key: string) {
  const span = pane(page, k).locator(`[data-s~="${id}"]`).first();
  await span.scrollIntoViewIfNeeded();
  await span.click();
  await page.keyboard.press("l");
  await expect(page.getByTestId("label-menu")).toContainText("Relabel");
  await page.keyboard.press(key); // filters; the label with that shortcut comes first
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("label-menu")).toBeHidden();
}

const label = (db: Db, key: string) => db.label.findFirstOrThrow({ where: { key } }).then((l) => l.id);

test.describe("saving with two editors and a bad network", () => {
  test("two editors change one span: the second sees a conflict with the current value, not a lost update", async ({
    browser,
    users,
    workerDb,
  }) => {
    test.slow(); // two browsers, a conflict, its resolution and the history
    const key = await importCorpusStory(workerDb, `ann-sync-${Date.now().toString(36)}-`);
    const problems: string[] = [];
    const alice = await editorPage(browser, users, problems);
    const bob = await editorPage(browser, users, problems);
    const spanId = await seedSpan(workerDb, key, alice.user);
    // Bob gets no live updates here, so he edits the version he loaded: the conflict is found on save.
    await bob.page.route("**/api/stories/*/events**", (route) => route.abort());
    await openStory(alice.page, key, ["en", "fr"]);
    await openStory(bob.page, key, ["en", "fr"]);

    // Alice makes it a GPE and it is saved; Bob, who still sees version 1, makes it a PERSON.
    await relabel(alice.page, 0, spanId, "g");
    await expect(saveState(alice.page)).toHaveText("All changes saved");
    await relabel(bob.page, 0, spanId, "p");

    const banner = bob.page.getByTestId("conflict-banner");
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(`${alice.user.name} changed this span`);
    await expect(banner).toContainText("Now: Country, city, state “Kestrel University”");
    await expect(banner).toContainText("Yours: Person “Kestrel University”");
    await expect(saveState(bob.page)).toHaveText("Not saved: 1 conflict to resolve");
    // Only what differs is listed: the label.
    const differences = banner.getByTestId("conflict-differences").getByRole("row");
    await expect(differences).toHaveCount(2);
    await expect(differences.nth(1)).toHaveText(/Label\s*Country, city, state\s*Person/);
    // Bob's pane shows the current value; the database kept Alice's change.
    expect(await workerDb.span.findUniqueOrThrow({ where: { id: spanId } })).toMatchObject({
      labelId: await label(workerDb, "GPE"),
      version: 2,
    });

    await test.step("Bob keeps his: it is applied on top of Alice's version, with both in the history", async () => {
      await banner.getByRole("button", { name: "Keep mine" }).click();
      await expect(banner).toBeHidden();
      await expect(saveState(bob.page)).toHaveText("All changes saved");
      expect(await workerDb.span.findUniqueOrThrow({ where: { id: spanId } })).toMatchObject({
        labelId: await label(workerDb, "PERSON"),
        version: 3,
      });
      const history = await workerDb.spanRevision.findMany({ where: { spanId }, orderBy: { version: "asc" } });
      expect(history.map((h) => h.actorId)).toEqual([alice.user.id, alice.user.id, bob.user.id]);
    });

    await test.step("the span's history names who changed what", async () => {
      await alice.page.reload();
      await expect(alice.page.getByTestId("annotation-panel")).toHaveAttribute("data-ready", "true");
      await pane(alice.page, 0).locator(`[data-s~="${spanId}"]`).first().click();
      const selected = alice.page.getByTestId("selected-span");
      await selected.getByRole("button", { name: "History" }).click();
      const history = selected.getByTestId("span-history");
      await expect(history.getByRole("listitem")).toHaveCount(3);
      await expect(history.getByRole("listitem").nth(1)).toContainText(
        `${alice.user.name} changed label Organisation → Country, city, state`,
      );
      await expect(history.getByRole("listitem").nth(2)).toContainText(
        `${bob.user.name} changed label Country, city, state → Person`,
      );
    });

    await alice.context.close();
    await bob.context.close();
    expect(problems).toEqual([]);
  });

  test("a change made offline is saved once back, exactly once", async ({ page, users, workerDb }) => {
    const key = await importCorpusStory(workerDb, `ann-offline-${Date.now().toString(36)}-`);
    const user = await users.signInAs(page, "EDITOR");
    const spanId = await seedSpan(workerDb, key, user);
    await openStory(page, key, ["en", "fr"]);

    await page.context().setOffline(true);
    await relabel(page, 0, spanId, "g");
    await expect(saveState(page)).toHaveText(/^Offline/);
    expect(await workerDb.span.findUniqueOrThrow({ where: { id: spanId } })).toMatchObject({ version: 1 });

    await page.context().setOffline(false);
    await expect(saveState(page)).toHaveText("All changes saved", { timeout: 20_000 });
    expect(await workerDb.span.findUniqueOrThrow({ where: { id: spanId } })).toMatchObject({
      labelId: await label(workerDb, "GPE"),
      version: 2,
    });
    expect(await workerDb.spanRevision.count({ where: { spanId } })).toBe(2);
  });

  test("an answer lost after the server applied, then a reload before it is back: applied exactly once", async ({
    page,
    users,
    workerDb,
  }) => {
    const key = await importCorpusStory(workerDb, `ann-lost-${Date.now().toString(36)}-`);
    await users.signInAs(page, "EDITOR");
    await openStory(page, key, ["en", "fr"]);
    const en = await articleOf(workerDb, key, "en");

    // The server gets the request and applies it, but the browser never sees the answer.
    // One handler for both network states, so no retry slips through while they are swapped.
    let delivered = 0;
    let network: "answers lost" | "down" = "answers lost";
    await page.route("**/spans/mutations", async (route) => {
      if (network === "answers lost") {
        await route.fetch();
        delivered++;
      }
      await route.abort("internetdisconnected");
    });
    await selectWithMouse(page, 0, "Kestrel University");
    await page.keyboard.press("o");
    await page.keyboard.press("Enter");
    await expect(saveState(page)).toHaveText(/^Offline/);
    await expect.poll(() => delivered).toBeGreaterThan(0);
    await expect.poll(() => workerDb.span.count({ where: { articleId: en.id, deletedAt: null } })).toBe(1);

    // And now the server cannot be reached at all; the editor reloads: the queue survives in localStorage.
    network = "down";
    await page.reload();
    await expect(page.getByTestId("annotation-panel")).toHaveAttribute("data-ready", "true");
    await expect(saveState(page)).toHaveText(/^Offline/);

    // Back: the retried mutation is recognised (same mutation id) and changes nothing.
    await page.unroute("**/spans/mutations");
    await expect(saveState(page)).toHaveText("All changes saved", { timeout: 30_000 });
    const spans = await workerDb.span.findMany({ where: { articleId: en.id } });
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ quote: "Kestrel University", version: 1, deletedAt: null });
    expect(await workerDb.spanRevision.count({ where: { spanId: spans[0]!.id } })).toBe(1);
    expect(
      await page.evaluate(
        () => Object.keys(localStorage).filter((k) => k.startsWith("parallax.annotate.queue")).length,
      ),
    ).toBe(0);
  });

  test("a change the server refuses is rolled back and its reason shown", async ({ page, users, workerDb }) => {
    const tag = Date.now().toString(36).toUpperCase();
    const key = await importCorpusStory(workerDb, `ann-refused-${tag.toLowerCase()}-`);
    const user = await users.signInAs(page, "EDITOR");
    const admin = await users.create("ADMIN");
    const temporary = await createLabel(
      workerDb,
      { id: admin.id, email: admin.email },
      { key: `TMP_${tag}`, name: `Temporary ${tag}`, kind: "ENTITY", color: "#336699", shortcut: null },
    );
    const spanId = await seedSpan(workerDb, key, user);
    await openStory(page, key, ["en", "fr"]);
    // An administrator archives the label while the editor's page still offers it.
    await archiveLabel(workerDb, { id: admin.id, email: admin.email }, temporary.id);

    const span = pane(page, 0).locator(`[data-s~="${spanId}"]`).first();
    await span.scrollIntoViewIfNeeded();
    await span.click();
    await page.keyboard.press("l");
    await page.keyboard.type(`Temporary ${tag}`); // the label picker's filter
    await page.keyboard.press("Enter");
    const errors = page.getByTestId("save-errors");
    await expect(errors).toContainText(`Not saved: Label TMP_${tag} is archived; choose another label.`);
    // One status: the refused change is not called saved.
    await expect(saveState(page)).toHaveText("Not saved: 1 change refused");
    await expect(page.getByTestId("selected-span")).toContainText("Organisation"); // rolled back
    expect(await workerDb.span.findUniqueOrThrow({ where: { id: spanId } })).toMatchObject({
      labelId: await label(workerDb, "ORG"),
      version: 1,
    });
    await errors.getByRole("button", { name: "Dismiss" }).click();
    await expect(errors).toBeHidden();
    await expect(saveState(page)).toHaveText("All changes saved");
  });
});
