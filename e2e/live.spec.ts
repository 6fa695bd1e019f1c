/**
 * Live collaboration in real browsers: two editors in two browser contexts
 * on one story, one reading the Swedish version, the other the English one.
 * What one saves appears in the other's reader without a reload (within a
 * second), each sees who else is in the story, a closed tab leaves at once,
 * changes made while a reader was offline arrive when it is back (checked
 * against the database), and another editor's change to a span with unsaved
 * edits shows the conflict at once.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { applySpanMutations } from "../lib/annotation/spans";
import { importJsonl } from "../lib/import";
import { generate } from "../tests/support/long-article";
import type { Db } from "../lib/db";
import { expect, test, watchPage, type TestUser, type Users } from "./support/fixtures";
import { createSpanDirect, importCorpusStory, openStory, pane, saveState, selectWithMouse } from "./support/annotate";

async function editorPage(browser: Browser, users: Users, problems: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchPage(page, problems);
  const user = await users.signInAs(page, "EDITOR");
  return { context, page, user };
}

const liveStatus = (page: Page) => page.getByTestId("live-status");

/** The presence chips of `user` on the header of pane `k`. */
const chipOf = (page: Page, k: number, user: TestUser) =>
  page.locator(`section[data-pane="${k}"] [data-testid="presence-chip"][data-user="${user.id}"]`);

/** Every span id painted in pane `k`. */
async function paintedIds(page: Page, k: number): Promise<string[]> {
  const ids = await pane(page, k)
    .locator("[data-s]")
    .evaluateAll((els) => els.flatMap((el) => (el.getAttribute("data-s") ?? "").split(/\s+/).filter(Boolean)));
  return [...new Set(ids)].sort();
}

/** The ids of the spans of the story's `language` version alive in the database. */
async function aliveIds(db: Db, key: string, language: string): Promise<string[]> {
  const spans = await db.span.findMany({
    where: { article: { story: { key }, language }, deletedAt: null },
    select: { id: true },
  });
  return spans.map((s) => s.id).sort();
}

async function updateSpan(db: Db, user: TestUser, spanId: string, patch: Record<string, unknown>) {
  const span = await db.span.findUniqueOrThrow({ where: { id: spanId } });
  const [result] = await applySpanMutations(db, { id: user.id, name: user.name, canReview: true }, span.articleId, [
    { type: "update", mutationId: randomUUID(), spanId, baseVersion: span.version, patch },
  ]);
  expect(result?.ok, JSON.stringify(result)).toBe(true);
}

async function deleteSpan(db: Db, user: TestUser, spanId: string) {
  const span = await db.span.findUniqueOrThrow({ where: { id: spanId } });
  const [result] = await applySpanMutations(db, { id: user.id, name: user.name, canReview: true }, span.articleId, [
    { type: "delete", mutationId: randomUUID(), spanId, baseVersion: span.version },
  ]);
  expect(result?.ok, JSON.stringify(result)).toBe(true);
}

const labelId = (db: Db, key: string) => db.label.findFirstOrThrow({ where: { key } }).then((l) => l.id);

test.describe("live collaboration", () => {
  test("two editors: a span and its entity appear within a second, presence comes and goes, missed changes arrive", async ({
    browser,
    users,
    workerDb,
  }) => {
    test.slow(); // two browsers, an entity, a closed tab and an offline spell
    const key = await importCorpusStory(workerDb, `live-${Date.now().toString(36)}-`);
    const problems: string[] = [];
    const alice = await editorPage(browser, users, problems);
    const bob = await editorPage(browser, users, problems);
    // Alice reads the Swedish version (with the English beside it), Bob the English one (with the Swedish).
    await openStory(alice.page, key, ["sv", "en"]);
    await openStory(bob.page, key, ["en", "sv"]);
    await expect(liveStatus(alice.page)).toHaveAttribute("data-state", "live");
    await expect(liveStatus(bob.page)).toHaveAttribute("data-state", "live");
    // Set on Bob's page once: still there at the end means it was never reloaded.
    await bob.page.evaluate(() => ((window as unknown as { liveMarker: string }).liveMarker = "loaded once"));

    await test.step("each sees the other's presence chip, filled on the version they are reading", async () => {
      await expect(chipOf(bob.page, 1, alice.user)).toHaveAttribute("data-here", "true"); // Bob's sv pane
      await expect(chipOf(bob.page, 0, alice.user)).toHaveAttribute("data-here", "false"); // Bob's en pane
      await expect(chipOf(bob.page, 0, alice.user)).toHaveAttribute(
        "aria-label",
        `${alice.user.name}, in the sv version`,
      );
      await expect(chipOf(alice.page, 1, bob.user)).toHaveAttribute("data-here", "true"); // Alice's en pane
    });

    await test.step("Alice tags “Kestrel University” in Swedish and links a new entity; Bob sees both within a second", async () => {
      await selectWithMouse(alice.page, 0, "Kestrel University");
      await expect(alice.page.getByTestId("label-menu")).toContainText("Kestrel University");
      await alice.page.keyboard.press("o");
      await alice.page.keyboard.press("Enter");
      await expect(alice.page.getByTestId("label-menu")).toBeHidden(); // closes as the tag is recorded
      await expect(saveState(alice.page)).toHaveText("All changes saved");
      const span = await workerDb.span.findFirstOrThrow({
        where: { article: { story: { key }, language: "sv" }, quote: "Kestrel University", deletedAt: null },
      });
      // Painted in Bob's Swedish pane, and the dashed outline of the span Alice has selected.
      await expect(pane(bob.page, 1).locator(`[data-s~="${span.id}"]`).first()).toBeVisible({ timeout: 1_000 });
      await expect
        .poll(() =>
          pane(bob.page, 1)
            .locator(`[data-s~="${span.id}"]`)
            .first()
            .evaluate((el) => getComputedStyle(el).outlineStyle),
        )
        .toBe("dashed");

      const selected = alice.page.getByTestId("selected-span");
      await selected.getByRole("button", { name: /Link entity/ }).click();
      const linker = alice.page.getByTestId("entity-linker");
      await linker.getByRole("option", { name: /Create new .*entity “Kestrel University”/ }).click();
      await linker.getByRole("button", { name: "Create and link" }).click();
      const anyway = linker.getByRole("button", { name: "Create another anyway" });
      await expect(alice.page.getByTestId("suggestions-panel").or(anyway)).toBeVisible();
      if (await anyway.isVisible()) await anyway.click();
      await expect(saveState(alice.page)).toHaveText("All changes saved");
      // Bob's second starts once the link is in the database.
      await expect
        .poll(async () => (await workerDb.span.findUniqueOrThrow({ where: { id: span.id } })).entityId, {
          intervals: [50],
        })
        .not.toBeNull();
      const linked = await workerDb.span.findUniqueOrThrow({ where: { id: span.id } });
      // The link is painted within the second (the span belongs to the entity), and the entity is in Bob's sidebar.
      await expect(pane(bob.page, 1).locator(`[data-s~="${span.id}"]`).first()).toHaveAttribute(
        "data-k",
        new RegExp(`(^|\\s)e:${linked.entityId}(\\s|$)`),
        { timeout: 1_000 },
      );
      const entity = bob.page.getByTestId("sidebar-entities").locator(`li[data-entity-id="${linked.entityId}"]`);
      // (The sidebar is read again from the server on a change: a round trip later than the pane.)
      await expect(entity.locator('[data-language="sv"]')).toContainText("Kestrel University");
    });

    await test.step("Alice closes her tab: her chips leave Bob's panes at once", async () => {
      // Right after one of her heartbeats: a tab heard of a moment ago that closes has still left.
      await alice.page.waitForResponse(
        (r) => r.url().endsWith("/presence") && r.request().method() === "POST" && r.ok(),
        { timeout: 15_000 },
      );
      await alice.page.close();
      // Well before presence would expire by itself (PRESENCE_TTL_MS): the tab's leaving was heard.
      await expect(bob.page.locator(`[data-testid="presence-chip"][data-user="${alice.user.id}"]`)).toHaveCount(0, {
        timeout: 8_000,
      });
    });

    await test.step("Bob goes offline; three changes are made meanwhile; all three arrive once he is back", async () => {
      await bob.context.setOffline(true);
      await expect(liveStatus(bob.page)).toHaveAttribute("data-state", "offline");
      const kestrel = await workerDb.span.findFirstOrThrow({
        where: { article: { story: { key }, language: "sv" }, quote: "Kestrel University", deletedAt: null },
      });
      const created = await createSpanDirect(workerDb, alice.user, key, "en", "Baltic Courier", "ENTITY", "ORG");
      await updateSpan(workerDb, alice.user, kestrel.id, { labelId: await labelId(workerDb, "GPE"), entityId: null });
      const gone = await createSpanDirect(workerDb, alice.user, key, "sv", "Göteborg", "ENTITY", "GPE");
      await deleteSpan(workerDb, alice.user, gone);
      // (Four writes: the third change, a span made and deleted while Bob was away, must not show.)
      await bob.page.waitForTimeout(500);
      await expect(pane(bob.page, 0).locator(`[data-s~="${created}"]`)).toHaveCount(0);

      await bob.context.setOffline(false);
      await expect(liveStatus(bob.page)).toHaveAttribute("data-state", "live");
      await expect(pane(bob.page, 0).locator(`[data-s~="${created}"]`).first()).toBeVisible();
      await pane(bob.page, 1).locator(`[data-s~="${kestrel.id}"]`).first().click();
      await expect(bob.page.getByTestId("selected-span")).toContainText("Country, city, state");
      // What Bob's panes show is what the database holds.
      await expect.poll(() => paintedIds(bob.page, 0)).toEqual(await aliveIds(workerDb, key, "en"));
      await expect.poll(() => paintedIds(bob.page, 1)).toEqual(await aliveIds(workerDb, key, "sv"));
      expect(await aliveIds(workerDb, key, "sv")).not.toContain(gone);
      expect(await bob.page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe(
        "loaded once",
      );
    });

    await bob.context.close();
    await alice.context.close();
    expect(problems).toEqual([]);
  });

  test("spans from another editor are painted without moving the text being read", async ({
    browser,
    users,
    workerDb,
  }) => {
    const key = `live-still-${Date.now().toString(36)}`;
    const long = generate(60_000, 2_000, 5);
    const line = { external_id: key, story: key, language: "en", title: "Long", text: long.text, spans: long.spans };
    expect((await importJsonl(workerDb, { content: JSON.stringify(line) + "\n" })).rejected).toEqual([]);
    const article = await workerDb.article.findFirstOrThrow({ where: { externalId: key } });
    const org = await labelId(workerDb, "ORG");
    const problems: string[] = [];
    const alice = await users.create("EDITOR");
    const bob = await editorPage(browser, users, problems);
    // What the frame after each live change shows as highlights over the text (painted ahead of the segments).
    await bob.page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { paintedAhead: seen });
      const Base = window.EventSource;
      window.EventSource = class extends Base {
        constructor(...args: ConstructorParameters<typeof EventSource>) {
          super(...args);
          this.addEventListener("change", () =>
            requestAnimationFrame(() => {
              for (const highlight of CSS.highlights.values()) for (const r of highlight) seen.push(r.toString());
            }),
          );
        }
      };
    });
    await openStory(bob.page, key, ["en"]);
    await expect(liveStatus(bob.page)).toHaveAttribute("data-state", "live");

    // Bob reads the middle of the article, his pointer away from the text.
    const text = pane(bob.page, 0);
    await text.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await bob.page.mouse.move(0, 0);
    const reading = async () =>
      text.evaluate((el) => {
        const top = el.getBoundingClientRect().top;
        const first = [...el.querySelectorAll<HTMLElement>("[data-p]")].find(
          (p) => p.getBoundingClientRect().top > top + 40,
        )!;
        return {
          scrollTop: el.scrollTop,
          p: first.dataset.p!,
          at: first.getBoundingClientRect().top,
          o: first.dataset.o!,
        };
      });
    // Paragraphs take their real height as they are laid out near the viewport: wait until the view stands still.
    let before = await reading();
    await expect(async () => {
      const now = await reading();
      const settled = JSON.stringify(now) === JSON.stringify(before);
      before = now;
      expect(settled).toBe(true);
    }).toPass();

    // Alice tags a word in the paragraph Bob is reading, one above his view and one below it.
    const read = Number(before.p);
    const ids: string[] = [];
    const quotes: string[] = [];
    for (const k of [read, read - 3, read + 3]) {
      // The generated text is ASCII: the paragraph's UTF-16 offset is its code-point offset.
      const start = Number(await text.locator(`[data-p="${k}"]`).getAttribute("data-o"));
      const end = long.text.indexOf(" ", start);
      const id = randomUUID();
      ids.push(id);
      quotes.push(long.text.slice(start, end));
      const span = {
        id,
        articleId: article.id,
        start,
        end,
        quote: long.text.slice(start, end),
        kind: "ENTITY" as const,
      };
      const [result] = await applySpanMutations(workerDb, { ...alice, canReview: true }, article.id, [
        { type: "create", mutationId: randomUUID(), span: { ...span, labelId: org } },
      ]);
      expect(result?.ok, JSON.stringify(result)).toBe(true);
    }
    await expect(text.locator(`[data-s~="${ids[0]}"]`)).toBeVisible();
    await expect(text.locator(`[data-s~="${ids[2]}"]`).first()).toBeAttached();
    expect(await reading()).toEqual(before);
    // The first span was shown in the frame after its change arrived, before its segments were drawn.
    expect(await bob.page.evaluate(() => (window as unknown as { paintedAhead: string[] }).paintedAhead)).toContain(
      quotes[0],
    );
    expect(await bob.page.evaluate(() => CSS.highlights.size)).toBe(0);
    await bob.context.close();
    expect(problems).toEqual([]);
  });

  test("another editor changes a span with unsaved edits: the conflict shows at once, not on save", async ({
    browser,
    users,
    workerDb,
  }) => {
    const key = await importCorpusStory(workerDb, `live-conflict-${Date.now().toString(36)}-`);
    const problems: string[] = [];
    const alice = await users.create("EDITOR");
    const bob = await editorPage(browser, users, problems);
    const spanId = await createSpanDirect(workerDb, alice, key, "en", "Kestrel University", "ENTITY", "ORG");
    await openStory(bob.page, key, ["en"]);
    await expect(liveStatus(bob.page)).toHaveAttribute("data-state", "live");

    // Bob's saves do not get through (the live feed does): his relabelling stays unsaved.
    await bob.page.route("**/spans/mutations", (route) => route.abort());
    const span = pane(bob.page, 0).locator(`[data-s~="${spanId}"]`).first();
    await span.scrollIntoViewIfNeeded();
    await span.click();
    await bob.page.keyboard.press("l");
    await expect(bob.page.getByTestId("label-menu")).toContainText("Relabel");
    await bob.page.keyboard.press("p");
    await bob.page.keyboard.press("Enter");
    await expect(saveState(bob.page)).not.toHaveText("All changes saved");

    // Alice makes it a GPE meanwhile: Bob's reader shows the conflict as soon as the change arrives.
    await updateSpan(workerDb, alice, spanId, { labelId: await labelId(workerDb, "GPE") });
    const banner = bob.page.getByTestId("conflict-banner");
    await expect(banner).toBeVisible({ timeout: 1_000 });
    await expect(banner).toContainText(`${alice.name} changed this span`);
    await expect(banner).toContainText("Now: Country, city, state “Kestrel University”");
    await expect(banner).toContainText("Yours: Person “Kestrel University”");

    await bob.page.unroute("**/spans/mutations");
    await banner.getByRole("button", { name: "Keep mine" }).click();
    await expect(banner).toBeHidden();
    await expect(saveState(bob.page)).toHaveText("All changes saved");
    expect(await workerDb.span.findUniqueOrThrow({ where: { id: spanId } })).toMatchObject({
      labelId: await labelId(workerDb, "PERSON"),
      version: 3,
    });
    await bob.context.close();
    expect(problems).toEqual([]);
  });
});
