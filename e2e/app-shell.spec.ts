/**
 * What every page shares: a skip link as the first Tab stop that moves focus
 * past the header to the page's content.
 */
import { expect, test } from "./support/fixtures";

test.describe("every page", () => {
  test("the first Tab reaches “Skip to content”, which moves focus past the header", async ({ page, users }) => {
    test.slow(); // five pages, the reader among them
    await users.signInAs(page, "ADMIN");
    for (const path of ["/", "/export", "/admin/audit", "/stories/varnhamn-shore-power"]) {
      await page.goto(path);
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to content" });
      await expect(skip, path).toBeFocused();
      await expect(skip).toBeInViewport();
      await page.keyboard.press("Enter");
      await expect(page.locator("#content"), path).toBeFocused();
      // The next Tab lands inside the content, not on the header's links.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("header") === null), path).toBe(true);
    }
    // Pages without the header have it too (the sign-in form takes focus itself).
    await page.context().clearCookies();
    await page.goto("/signin");
    await expect(page.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#content");
    await expect(page.locator("main#content")).toBeAttached();
  });
});

test.describe("page loads", () => {
  test("the main pages load without a failed request or a console error", async ({ page, users }) => {
    test.slow(); // four pages, the reader among them
    await users.signInAs(page, "ADMIN");
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${page.url()}: console: ${m.text()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${page.url()}: ${r.status()} ${r.url()}`);
    });
    // /stories, where a reader's address cut short leads, is the story list.
    await page.goto("/stories");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "Stories" })).toBeVisible();
    for (const path of ["/export", "/admin/users"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    // The reader keeps its live feed open (never network-idle): wait for what it asks for as it opens.
    await page.goto("/stories/varnhamn-shore-power?a=en,zh-Hans");
    await expect(page.locator("[data-testid=reader][data-ready]")).toBeAttached();
    await expect(page.locator("[data-testid=live-status][data-state=live]")).toBeVisible();
    await expect(page.getByTestId("story-sidebar").getByText(/Entities \(\d+\)/)).toBeVisible();
    expect(problems).toEqual([]);
  });
});

test.describe("fonts outside the reader", () => {
  test("the story list loads the bundled CJK font for Chinese titles and declares the emoji font", async ({
    page,
    users,
  }) => {
    await users.signInAs(page, "VIEWER");
    await page.goto("/");
    // The demo story lists its Chinese version's title.
    await expect(page.locator('[lang="zh-Hans"]').first()).toBeVisible();
    const faces = await page.evaluate(async () => {
      await document.fonts.ready;
      const all = [...document.fonts];
      return {
        cjkLoaded: all.some((f) => f.family.replace(/"/g, "") === "Noto Sans SC" && f.status === "loaded"),
        emojiDeclared: all.some((f) => f.family.replace(/"/g, "") === "Noto Color Emoji"),
        // unicode-range subsets: Chinese loads some CJK chunks, not all of them.
        cjkChunks: all.filter((f) => f.family.replace(/"/g, "") === "Noto Sans SC").length,
        cjkChunksLoaded: all.filter((f) => f.family.replace(/"/g, "") === "Noto Sans SC" && f.status === "loaded")
          .length,
      };
    });
    expect(faces.cjkLoaded).toBe(true);
    expect(faces.emojiDeclared).toBe(true);
    expect(faces.cjkChunksLoaded).toBeLessThan(faces.cjkChunks);
    // And drawn with it: four Chinese characters are four ems wide in any CJK font, where the boxes a
    // font without them draws are narrower (2.4 em in DejaVu Sans, the fallback of a bare Linux).
    const outlet = page.getByRole("group", { name: "Outlet" }).locator("span", { hasText: /^港航观察$/ });
    await expect
      .poll(() => outlet.evaluate((el) => el.getBoundingClientRect().width / parseFloat(getComputedStyle(el).fontSize)))
      .toBeCloseTo(4, 1);
  });
});
