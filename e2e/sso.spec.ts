import type { Browser, Page } from "@playwright/test";
import { E2E_OIDC } from "./support/env";
import { expect, test, watchPage } from "./support/fixtures";

/** Signs in at the local OpenID provider (its development login form accepts any login). */
async function signInWithSso(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: `Sign in with ${E2E_OIDC.name}` }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function freshPage(browser: Browser, problems: string[]): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  watchPage(page, problems);
  return page;
}

test.describe("single sign-on with OpenID Connect", () => {
  test("links a known e-mail on first sign-in and opens a revocable session", async ({ page, users }) => {
    const editor = await users.create("EDITOR");
    await signInWithSso(page, editor.email);
    await expect(page.getByTestId("current-user")).toContainText(`${editor.name} · editor`);
    const identity = await users.db.userIdentity.findFirstOrThrow({ where: { userId: editor.id } });
    expect(identity.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const session = await users.db.userSession.findFirstOrThrow({ where: { userId: editor.id, revokedAt: null } });
    expect(session.method).toBe("oidc");

    // Disabling the account ends the SSO session like any other.
    await users.db.user.update({ where: { id: editor.id }, data: { disabledAt: new Date() } });
    await page.reload();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("refuses an unknown e-mail with a clear message", async ({ browser, pageProblems }) => {
    const page = await freshPage(browser, pageProblems);
    await signInWithSso(page, `stranger-${Date.now()}@elsewhere.example`);
    await expect(page).toHaveURL(/\/signin\?error=SsoUnknown/);
    await expect(page.locator("#signin-error")).toHaveText(
      "There is no Parallax account for your e-mail address. Ask an administrator to create one, then sign in again.",
    );
    await page.context().close();
  });

  test("lets an unknown e-mail of an allowed domain join as a viewer", async ({ browser, users, pageProblems }) => {
    const page = await freshPage(browser, pageProblems);
    const email = `reporter-${Date.now()}@${E2E_OIDC.allowedDomain}`;
    await signInWithSso(page, email);
    await expect(page.getByTestId("current-user")).toContainText("viewer");
    await expect(users.db.user.findUniqueOrThrow({ where: { email } })).resolves.toMatchObject({ role: "VIEWER" });
    await page.context().close();
  });

  test("refuses an e-mail the provider has not verified", async ({ browser, users, pageProblems }) => {
    const page = await freshPage(browser, pageProblems);
    const viewer = await users.create("VIEWER", { email: `unverified-${Date.now()}@e2e.parallax.test` });
    await signInWithSso(page, viewer.email);
    await expect(page).toHaveURL(/\/signin\?error=SsoUnverified/);
    await expect(users.db.userIdentity.count({ where: { userId: viewer.id } })).resolves.toBe(0);
    await page.context().close();
  });
});
