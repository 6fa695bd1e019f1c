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
  });
});
