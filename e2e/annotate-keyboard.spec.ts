/**
 * Issue 5, "Done when", keyboard only: the same flow as annotate.spec.ts —
 * caret mode to select, label shortcuts, E to link an entity, A to accept
 * suggestions, K to link a claim — without touching the mouse.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { importCorpusStory, openStory, pane, saveState, selectWithCaret, storyTexts } from "./support/annotate";

const CLAIM = {
  sv: "i mars och september 2025",
  en: "in March and September 2025",
  fr: "en mars et en septembre 2025",
};
const STATEMENT = "Keyboard: the tidal-energy talks took place in March and September 2025";

const focused = (page: Page) => page.locator(":focus");

/** Presses each of `keys` in turn (up to `max` times each) until the focused element's text matches `pattern`. */
async function pressUntilFocused(page: Page, keys: string[], pattern: RegExp, max = 12) {
  for (const key of keys) {
    for (let i = 0; i < max; i++) {
      const text =
        (await focused(page)
          .textContent()
          .catch(() => "")) ?? "";
      if (pattern.test(text)) return;
      await page.keyboard.press(key);
    }
  }
  await expect(focused(page)).toHaveText(pattern);
}

/** Waits for a combobox's search to settle, then moves to the option matching `name`. */
async function chooseOption(page: Page, container: ReturnType<Page["getByTestId"]>, name: RegExp) {
  await expect(container.getByText("Searching…")).toHaveCount(0);
  const options = container.getByRole("option");
  const count = await options.count();
  for (let i = 0; i < count; i++) {
    if (
      (await options.nth(i).getAttribute("aria-selected")) === "true" &&
      name.test((await options.nth(i).textContent()) ?? "")
    )
      return;
    await page.keyboard.press("ArrowDown");
  }
  await expect(container.getByRole("option", { selected: true })).toHaveText(name);
}

test("the whole flow with the keyboard only: tag, link, accept suggestions, link one claim in three languages", async ({
  page,
  users,
  workerDb,
}) => {
  test.slow(); // some two hundred key presses, each waited for
  const key = await importCorpusStory(workerDb, `ann-keys-${Date.now().toString(36)}-`);
  const texts = await storyTexts(workerDb, key);
  const editor = await users.signInAs(page, "EDITOR");
  await openStory(page, key, ["sv", "en", "fr"]);

  await test.step("caret to “Kestrel University” in English, o for ORG, e to link a new entity", async () => {
    await selectWithCaret(page, 1, texts.en!, "Kestrel University");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("label-menu")).toContainText("Kestrel University");
    // Back to back, as a fast typist presses them on a slow laptop: "e" comes before the frame that
    // shows the span is painted, while the label menu is still open, and must reach the new span.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
    await page.keyboard.press("o");
    await page.keyboard.press("Enter");
    await page.keyboard.press("e");
    const linker = page.getByTestId("entity-linker");
    await expect(linker.getByRole("combobox")).toBeFocused();
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await expect(pane(page, 1).locator("[data-s]").filter({ hasText: "Kestrel University" })).toHaveCount(1);
    await chooseOption(page, linker, /Create new .*entity “Kestrel University”/);
    await page.keyboard.press("Enter");
    await expect(linker.getByLabel("Canonical name")).toBeFocused();
    await page.keyboard.press("Enter"); // submits the form
    const anyway = linker.getByRole("button", { name: "Create another anyway" });
    await expect(page.getByTestId("suggestions-panel").or(anyway)).toBeVisible();
    if (await anyway.isVisible()) {
      await pressUntilFocused(page, ["Tab"], /Create another anyway/);
      await page.keyboard.press("Enter");
    }
  });

  await test.step("a accepts “université de Kestrel” (French) and the Swedish mention", async () => {
    const panel = page.getByTestId("suggestions-panel");
    await expect(panel.getByTestId("suggestion").first()).toBeFocused();
    await pressUntilFocused(page, ["ArrowDown", "ArrowUp"], /université de Kestrel/);
    await page.keyboard.press("a");
    await expect(page.getByTestId("sidebar-entities").locator('[data-language="fr"]')).toContainText(
      "université de Kestrel",
    );
    await expect(panel.getByTestId("suggestion").filter({ hasText: "université de Kestrel" })).toHaveCount(0);
    await expect(panel.getByTestId("suggestion").and(focused(page))).toHaveCount(1);
    await pressUntilFocused(page, ["ArrowUp", "ArrowDown"], /^sv/);
    await page.keyboard.press("a");
    await expect(page.getByTestId("sidebar-entities").locator('[data-language="sv"]')).toContainText(
      "Kestrel University",
    );
    // The English text names Kestrel University once more: r rejects that mention, for this editor.
    await pressUntilFocused(page, ["ArrowUp", "ArrowDown"], /^en/);
    await page.keyboard.press("r");
    await expect(panel.getByTestId("suggestion")).toHaveCount(0);
    await expect(panel.getByRole("status")).toHaveText(/Accepted 2\. No other mention waiting\./);
    await expect
      .poll(() => workerDb.suggestionRejection.count({ where: { userId: editor.id, story: { key } } }))
      .toBe(1);
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
  });

  await test.step("a claim tagged in Swedish (c) and created (k); the same claim linked in English and French", async () => {
    const linker = page.getByTestId("claim-linker");
    await selectWithCaret(page, 0, texts.sv!, CLAIM.sv);
    await page.keyboard.press("Enter");
    await page.keyboard.press("c");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("label-menu")).toBeHidden();
    await page.keyboard.press("k");
    await expect(linker.getByRole("combobox")).toBeFocused();
    await chooseOption(page, linker, /Create new claim/);
    await page.keyboard.press("Enter");
    const statement = linker.getByLabel("Normalized statement");
    await expect(statement).toBeFocused();
    await page.keyboard.press("Control+a");
    await page.keyboard.type(STATEMENT);
    await page.keyboard.press("Control+Enter");
    await expect(linker).toBeHidden();

    for (const [k, language] of [
      [1, "en"],
      [2, "fr"],
    ] as const) {
      await selectWithCaret(page, k, texts[language]!, CLAIM[language]);
      await page.keyboard.press("Enter");
      await page.keyboard.press("c");
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("label-menu")).toBeHidden();
      await page.keyboard.press("k");
      await expect(linker.getByRole("combobox")).toBeFocused();
      await chooseOption(page, linker, new RegExp(STATEMENT));
      await page.keyboard.press("Enter");
      await expect(linker).toBeHidden();
    }
    await expect(saveState(page)).toHaveText("All changes saved");
  });

  await test.step("the sidebar shows one entity and one claim with spans in three languages, also after a reload", async () => {
    for (const reload of [false, true]) {
      if (reload) {
        await page.reload();
        await expect(page.getByTestId("annotation-panel")).toHaveAttribute("data-ready", "true");
      }
      const entities = page.getByTestId("sidebar-entities").locator("li[data-entity-id]");
      await expect(entities).toHaveCount(1);
      await expect(entities.locator("[data-language]")).toHaveCount(3);
      const claims = page.getByTestId("sidebar-claims").locator("li[data-claim-id]");
      await expect(claims).toHaveCount(1);
      await expect(claims).toContainText(STATEMENT);
      for (const [language, quote] of Object.entries(CLAIM)) {
        await expect(claims.locator(`[data-language="${language}"]`)).toContainText(quote);
      }
    }
    const story = await workerDb.story.findUniqueOrThrow({ where: { key } });
    const spans = await workerDb.span.findMany({
      where: { article: { storyId: story.id }, deletedAt: null },
      include: { article: true },
    });
    expect(
      spans
        .filter((s) => s.entityId)
        .map((s) => s.article.language)
        .sort(),
    ).toEqual(["en", "fr", "sv"]);
    expect(
      spans
        .filter((s) => s.claimId)
        .map((s) => [s.article.language, s.quote])
        .sort(),
    ).toEqual(Object.entries(CLAIM).sort());
  });

  await test.step("Enter on a sidebar span jumps to it", async () => {
    const fr = page.getByTestId("sidebar-entities").getByRole("button", { name: /université de Kestrel/ });
    await fr.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("selected-span")).toContainText("université de Kestrel");
  });
});
