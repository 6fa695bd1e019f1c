import { randomBytes } from "node:crypto";
import { expect, test } from "./support/fixtures";

const DEMO_KEY = "varnhamn-shore-power";
const DEMO_TITLE = "Varnhamn switches its ferries to shore power";

test.describe("story list", () => {
  test("search finds the demo story by a word of its Swedish text; filters narrow; the back button restores", async ({
    page,
    users,
  }) => {
    await users.signInAs(page, "VIEWER");
    await page.goto("/");
    const stories = page.getByRole("list", { name: "Stories" });

    await test.step("a word that only the Swedish version contains finds the story, with a snippet", async () => {
      const search = page.getByRole("searchbox", { name: "Search" });
      await search.focus();
      await page.keyboard.type("LANDSTRÖMSANLÄGGNING");
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\?q=LANDSTR%C3%96MSANL%C3%84GGNING$/);
      await expect(stories.getByRole("link", { name: DEMO_TITLE })).toBeVisible();
      const snippet = stories.getByRole("list", { name: `Matches in ${DEMO_TITLE}` }).getByRole("listitem");
      await expect(snippet).toHaveCount(1);
      await expect(snippet.locator("mark")).toHaveText("landströmsanläggning");
      await expect(snippet.locator('[lang="sv"]')).toBeVisible();
      await expect(page.getByTestId("story-count")).toContainText("1–1 of 1 story");
    });

    await test.step("the facets count what matches; ticking a language that lacks the word narrows to nothing", async () => {
      const languages = page.getByRole("group", { name: "Language" });
      await expect(languages.getByRole("checkbox")).toHaveCount(1); // only the Swedish version matches
      await expect(languages.getByLabel("sv")).toBeVisible();
      const status = page.getByRole("group", { name: "Annotation status" });
      await expect(status.getByRole("checkbox")).toHaveCount(3);

      await page.goto(`/?q=landstr%C3%B6msanl%C3%A4ggning&language=fr`);
      await expect(page.getByText("No story matches this search and these filters.")).toBeVisible();
      await expect(page.getByRole("group", { name: "Language" }).getByRole("checkbox", { checked: true })).toHaveCount(
        1,
      );
      // Unticking (keyboard: Space) applies at once and goes back to the match.
      await page.getByRole("group", { name: "Language" }).getByRole("checkbox", { name: "fr" }).focus();
      await page.keyboard.press("Space");
      await expect(page).toHaveURL(/\?q=landstr%C3%B6msanl%C3%A4ggning$/);
      await expect(stories.getByRole("link", { name: DEMO_TITLE })).toBeVisible();
      await page.goBack();
      await expect(page).toHaveURL(/language=fr/);
      await expect(page.getByText("No story matches this search and these filters.")).toBeVisible();
    });

    await test.step("an outlet filter keeps the story listed by its Chinese version", async () => {
      await page.goto(`/?outlet=${encodeURIComponent("港航观察")}`);
      await expect(stories.getByRole("link", { name: DEMO_TITLE })).toBeVisible();
      await page.goto(`/?outlet=${encodeURIComponent("港航观察")}&status=reviewed`);
      await expect(stories.getByRole("link", { name: DEMO_TITLE })).toHaveCount(0);
    });

    await test.step("the story's link opens it in the reader", async () => {
      await page.goto("/?q=%E5%B2%B8%E7%94%B5"); // 岸电, in the Chinese title
      await stories.getByRole("link", { name: DEMO_TITLE }).click();
      await expect(page).toHaveURL(`/stories/${DEMO_KEY}`);
    });
  });

  test("pages through many matches, keeping the search", async ({ page, users, workerDb }) => {
    const tag = `pager${randomBytes(3).toString("hex")}`;
    const old = new Date("2001-01-01T00:00:00Z"); // listed after everything else
    for (let i = 1; i <= 23; i++) {
      const n = String(i).padStart(2, "0");
      const story = await workerDb.story.create({
        data: { key: `e2e-${tag}-${n}`, title: `Paging ${tag} ${n}`, updatedAt: old },
      });
      await workerDb.$executeRaw`UPDATE "Story" SET "updatedAt" = ${new Date(old.getTime() + i * 1000)} WHERE id = ${story.id}::uuid`;
    }
    await users.signInAs(page, "VIEWER");
    await page.goto(`/?q=${tag}`);
    const stories = page.getByRole("list", { name: "Stories" });
    await expect(page.getByTestId("story-count")).toHaveText(`1–20 of 23 stories matching “${tag}”`);
    await expect(stories.getByRole("listitem")).toHaveCount(20);
    await expect(stories.getByRole("heading").first()).toHaveText(`Paging ${tag} 23`);

    const pager = page.getByRole("navigation", { name: "Pagination" });
    await pager.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(`/?q=${tag}&page=2`);
    await expect(page.getByTestId("story-count")).toHaveText(`21–23 of 23 stories matching “${tag}”`);
    await expect(stories.getByRole("heading")).toHaveText([`Paging ${tag} 03`, `Paging ${tag} 02`, `Paging ${tag} 01`]);
    await expect(pager.getByText("Page 2 of 2")).toBeVisible();
    await pager.getByRole("link", { name: "← Previous" }).click();
    await expect(page).toHaveURL(`/?q=${tag}`);
    await expect(stories.getByRole("listitem")).toHaveCount(20);
  });

  test("search and filters work without JavaScript", async ({ browser, users, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    const page = await context.newPage();
    await users.signInAs(page, "VIEWER");
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Search" }).fill("瓦恩港");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/q=%E7%93%A6%E6%81%A9%E6%B8%AF/);
    await expect(page.getByRole("list", { name: "Stories" }).getByRole("link", { name: DEMO_TITLE })).toBeVisible();
    await page.getByRole("group", { name: "Language" }).getByRole("checkbox", { name: "zh-Hans" }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/language=zh-Hans/);
    await expect(page.getByRole("list", { name: "Stories" }).getByRole("link", { name: DEMO_TITLE })).toBeVisible();
    await context.close();
  });
});
