/**
 * Live collaboration: two editors in two browser contexts on one story, one
 * reading the Swedish version, the other the English one (with the Swedish
 * beside it). What one does appears at the other within a second, without a
 * reload; each sees the other's presence chip; a closed tab's chip goes; a
 * connection cut for a while catches up on everything it missed.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { applySpanMutations } from "../lib/annotation/spans";
import type { Db } from "../lib/db";
import { expect, test, watchPage, type Users } from "./support/fixtures";
import { createSpanDirect, importCorpusStory, openStory, pane, saveState, selectWithMouse } from "./support/annotate";

async function editorPage(browser: Browser, users: Users, problems: string[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchPage(page, problems);
  const user = await users.signInAs(page, "EDITOR");
  return { context, page, user };
}

const liveState = (page: Page) => page.getByTestId("live-status");

/** The span ids painted in pane `k`. */
async function paintedIds(page: Page, k: number): Promise<string[]> {
  const attrs = await pane(page, k)
    .locator("[data-s]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-s") ?? ""));
  return [...new Set(attrs.flatMap((a) => a.split(" ").filter(Boolean)))].sort();
}

async function liveSpanIds(db: Db, key: string, language: string): Promise<string[]> {
  const spans = await db.span.findMany({
    where: { article: { story: { key }, language }, deletedAt: null, layer: "SHARED" },
    select: { id: true },
  });
  return spans.map((s) => s.id).sort();
}

test.describe("live collaboration", () => {
  test("another editor's span and link appear within a second, with presence; a cut connection catches up", async ({
    browser,
    users,
    workerDb,
  }) => {
    test.slow();
    const key = await importCorpusStory(workerDb, `live-${Date.now().toString(36)}-`);
    const problems: string[] = [];
    const alice = await editorPage(browser, users, problems);
    const bob = await editorPage(browser, users, problems);
    await openStory(alice.page, key, ["sv"]);
    await openStory(bob.page, key, ["en", "sv"]);
    await expect(liveState(alice.page)).toHaveAttribute("data-state", "live");
    await expect(liveState(bob.page)).toHaveAttribute("data-state", "live");

    await test.step("each sees the other's presence chip, in the pane they read", async () => {
      const aliceChip = bob.page.locator(`[data-testid="presence-chip"][data-user="${alice.user.id}"]`);
      await expect(aliceChip).toHaveCount(2); // on both of Bob's panes
      await expect(bob.page.locator("[data-pane='1']").getByTestId("presence-chip")).toHaveAttribute(
        "data-here",
        "true",
      ); // Alice is in the Swedish version
      await expect(bob.page.locator("[data-pane='0']").getByTestId("presence-chip")).toContainText("sv");
      await expect(alice.page.locator(`[data-testid="presence-chip"][data-user="${bob.user.id}"]`)).toBeVisible();
    });

    let spanId = "";
    await test.step("Alice tags a span and links it to an entity: Bob sees both within a second", async () => {
      await selectWithMouse(alice.page, 0, "Genève");
      await alice.page.keyboard.press("g");
      await alice.page.keyboard.press("Enter");
      await expect(saveState(alice.page)).toHaveText("All changes saved");
      const sv = await workerDb.article.findFirstOrThrow({ where: { story: { key }, language: "sv" } });
      spanId = (await workerDb.span.findFirstOrThrow({ where: { articleId: sv.id, quote: "Genève" } })).id;
      await expect(pane(bob.page, 1).locator(`[data-s~="${spanId}"]`).first()).toBeVisible({ timeout: 1_000 });

      const selected = alice.page.getByTestId("selected-span");
      await selected.getByRole("button", { name: /Link entity/ }).click();
      const linker = alice.page.getByTestId("entity-linker");
      await linker.getByRole("option", { name: /Create new .*entity “Genève”/ }).click();
      await linker.getByRole("button", { name: "Create and link" }).click();
      const anyway = linker.getByRole("button", { name: "Create another anyway" });
      await expect(alice.page.getByTestId("suggestions-panel").or(anyway)).toBeVisible();
      if (await anyway.isVisible()) await anyway.click();
      await expect(saveState(alice.page)).toHaveText("All changes saved");
      const { entityId } = await workerDb.span.findUniqueOrThrow({ where: { id: spanId } });
      expect(entityId).toBeTruthy();
      await expect(pane(bob.page, 1).locator(`[data-s~="${spanId}"][data-k~="e:${entityId}"]`).first()).toBeVisible({
        timeout: 1_000,
      });
      await expect(bob.page.getByTestId("sidebar-entities").locator(`li[data-entity-id="${entityId}"]`)).toBeVisible();
    });

    await test.step("Alice closes her tab: her chip goes within 30 seconds", async () => {
      await alice.page.close();
      await expect(bob.page.getByTestId("presence-chip")).toHaveCount(0, { timeout: 35_000 });
    });

    await test.step("Bob's connection is cut; three changes meanwhile all appear once it is back", async () => {
      await bob.context.setOffline(true);
      await expect(liveState(bob.page)).toHaveAttribute("data-state", "offline");
      const made = [
        await createSpanDirect(workerDb, alice.user, key, "en", "Anthropic", "ENTITY", "ORG"),
        await createSpanDirect(workerDb, alice.user, key, "sv", "Schweiz", "ENTITY", "GPE"),
      ];
      const current = await workerDb.span.findUniqueOrThrow({ where: { id: spanId } });
      const [deleted] = await applySpanMutations(
        workerDb,
        { id: alice.user.id, name: alice.user.name, canReview: true },
        current.articleId,
        [{ type: "delete", mutationId: randomUUID(), spanId, baseVersion: current.version }],
      );
      expect(deleted?.ok).toBe(true);
      // Nothing arrives while offline.
      await expect(pane(bob.page, 1).locator(`[data-s~="${spanId}"]`).first()).toBeVisible();

      await bob.context.setOffline(false);
      await expect(liveState(bob.page)).toHaveAttribute("data-state", "live", { timeout: 15_000 });
      await expect.poll(() => paintedIds(bob.page, 0)).toEqual(await liveSpanIds(workerDb, key, "en"));
      await expect.poll(() => paintedIds(bob.page, 1)).toEqual(await liveSpanIds(workerDb, key, "sv"));
      expect(await paintedIds(bob.page, 0)).toContain(made[0]);
      expect(await paintedIds(bob.page, 1)).toContain(made[1]);
      expect(await paintedIds(bob.page, 1)).not.toContain(spanId);
    });

    await alice.context.close();
    await bob.context.close();
    expect(problems).toEqual([]);
  });
});
