import { baseURL } from "./support/env";
import { expect, test } from "./support/fixtures";

test.describe("signing in through the form", () => {
  test("an anonymous visitor is sent to sign-in, refused with a wrong password, and let in with the right one", async ({
    page,
    users,
  }) => {
    const editor = await users.create("EDITOR");
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);

    await page.getByLabel("E-mail").fill(editor.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toHaveText(
      "That e-mail and password do not match an account.",
    );

    await page.getByLabel("Password").fill(editor.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("current-user")).toContainText("editor");
    await expect(page.getByRole("list", { name: "Stories" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
  });

  for (const [name, encoded] of [
    ["TAB", "%2F%09%2Fevil.example"],
    ["LF", "%2F%0A%2Fevil.example"],
    ["backslash", "%2F%5Cevil.example"],
  ]) {
    test(`a callbackUrl with a ${name} cannot send the user to another site after sign-in`, async ({ page, users }) => {
      const editor = await users.create("EDITOR");
      await page.goto(`/signin?callbackUrl=${encoded}`);
      await page.getByLabel("E-mail").fill(editor.email);
      await page.getByLabel("Password").fill(editor.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("list", { name: "Stories" })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
      expect(page.url()).not.toContain("evil.example");
      // Already signed in: the page redirects at once, still on this site.
      await page.goto(`/signin?callbackUrl=${encoded}`);
      await expect(page.getByRole("list", { name: "Stories" })).toBeVisible();
      expect(page.url()).not.toContain("evil.example");
    });
  }

  test("a temporary password must be replaced before anything else", async ({ page, users }) => {
    const user = await users.create("VIEWER", { mustSetPassword: true });
    await users.signIn(page, user);
    const problems: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto("/");
    await expect(page).toHaveURL(/\/account\/password$/);
    // The header links to nothing that is closed meanwhile.
    const header = page.getByTestId("app-header");
    await expect(header.getByRole("link", { name: "Stories" })).toHaveCount(0);
    await page.getByLabel("Current password").fill(user.password);
    await page.getByLabel(/^New password \(/).fill("a brand new passphrase");
    await page.getByLabel("New password again").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("list", { name: "Stories" })).toBeVisible();
    await expect(header.getByRole("link", { name: "Stories" })).toBeVisible();
    expect(problems).toEqual([]);
  });
});
