/**
 * What every page shares: a skip link as the first Tab stop that moves focus
 * past the header to the page's content.
 */
import { expect, test } from "./support/fixtures";

test.describe("every page", () => {
  test("the first Tab reaches “Skip to content”, which moves focus past the header", async ({ page, users }) => {
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
