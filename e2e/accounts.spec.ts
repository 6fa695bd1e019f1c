import type { Browser, Page } from "@playwright/test";
import { expect, test, watchPage } from "./support/fixtures";

/** A second person at another browser (own cookies), watched for CSP violations like the main page. */
async function otherBrowser(browser: Browser, problems: string[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  watchPage(page, problems);
  return page;
}

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin creates an editor, who signs in and works until the admin disables them", async ({
  page,
  browser,
  users,
  pageProblems,
}) => {
  test.slow(); // two browsers and a dozen page loads: over a minute on a busy machine
  const admin = await users.signInAs(page, "ADMIN");
  const tag = Date.now().toString(36);
  const email = `new-editor-${tag}@e2e.parallax.test`;
  const password = "an editor's own passphrase";
  let link = "";

  await test.step("the admin creates the editor and gets a one-time link", async () => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await page.getByLabel("Name").fill(`Editor ${tag}`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Role").first().selectOption("EDITOR");
    await page.getByRole("button", { name: "Create user" }).click();
    link = await page.getByTestId("one-time-secret").inputValue();
    expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByRole("table", { name: "Users" }).getByRole("cell", { name: email })).toBeVisible();
  });

  const editor = await otherBrowser(browser, pageProblems);
  await test.step("the editor sets a password through the link and signs in", async () => {
    await editor.goto(link);
    await editor.getByLabel("New password (at least 12 characters)").fill(password);
    await editor.getByLabel("New password again").fill(password);
    await editor.getByRole("button", { name: "Set password" }).click();
    await expect(editor.getByRole("status")).toHaveText("Your password is set. Sign in with it now.");
    await signInThroughForm(editor, email, password);
    await expect(editor.getByTestId("current-user")).toContainText(`Editor ${tag} · editor`);
    // The link worked once.
    await editor.goto(link);
    await expect(editor.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
    await editor.goto("/");
  });

  await test.step("the editor annotates", async () => {
    await expect(editor.getByRole("list", { name: "Stories" })).toBeVisible();
    // Keyboard only: focus the English pane, caret mode, select "VARNHAMN", tag it as a place.
    await editor.goto("/stories/varnhamn-shore-power?a=en,sv");
    await expect(editor.locator("[data-testid=reader][data-ready]")).toBeAttached();
    await expect(editor.getByTestId("pane-language")).toHaveText(["en", "sv"]);
    await editor.keyboard.press("1");
    await editor.keyboard.press("c");
    for (let i = 0; i < 8; i++) await editor.keyboard.press("Shift+ArrowRight");
    await editor.keyboard.press("Enter");
    await expect(editor.getByTestId("label-menu")).toContainText("Tag “VARNHAMN” as");
    await editor.keyboard.press("g"); // filters to GPE (its shortcut ranks first)
    await editor.keyboard.press("Enter");
    await expect(editor.getByTestId("label-menu")).toBeHidden(); // closes as the tag is recorded
    await expect(editor.getByTestId("save-status")).toHaveText("All changes saved");
    const mine = await users.db.span.findFirstOrThrow({
      where: { createdBy: { email }, deletedAt: null },
      include: { label: true },
    });
    expect([mine.quote, mine.start, mine.label?.key]).toEqual(["VARNHAMN", 0, "GPE"]);
    // And takes it back (the demo story stays as seeded).
    await editor.keyboard.press("Delete");
    await expect(editor.getByTestId("save-status")).toHaveText("All changes saved");
    await expect
      .poll(async () => (await users.db.span.findUniqueOrThrow({ where: { id: mine.id } })).deletedAt)
      .not.toBeNull();
    await editor.goto("/");
  });

  await test.step("the admin disables the editor", async () => {
    await page.getByRole("searchbox", { name: "Search" }).fill(email);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: `Editor ${tag}` }).click();
    await expect(page.getByTestId("user-role")).toHaveText("editor");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Disable account" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Disabled" })).toContainText("1 session(s) ended");
    await expect(page.getByTestId("user-status")).toContainText("disabled since");
  });

  await test.step("the editor's next click lands on the sign-in page", async () => {
    await editor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stories" }).click();
    await expect(editor).toHaveURL(/\/signin/);
    await signInThroughForm(editor, email, password);
    await expect(editor.locator("#signin-error")).toHaveText(
      "This account is disabled. Ask an administrator to enable it.",
    );
  });

  await test.step("the audit log shows who did what", async () => {
    await page.goto(`/admin/audit?actor=${encodeURIComponent(admin.email)}`);
    const events = page.getByRole("table", { name: "Audit events" });
    await expect(events.getByRole("row").filter({ hasText: "user.disabled" })).toContainText("disabledAt");
    await expect(events.getByRole("row").filter({ hasText: "user.created" })).toContainText(email);
  });
  await editor.context().close();
});

test("a viewer sees no admin or edit controls, and the server refuses their forged requests", async ({
  page,
  users,
}) => {
  await users.signInAs(page, "VIEWER");
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Stories" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Your role does not give access to this page" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create user" })).toHaveCount(0);

  // A hand-made request with the viewer's own session cookie.
  const email = `forged-${Date.now()}@e2e.parallax.test`;
  const forged = await page.request.post("/api/admin/users", {
    data: { email, name: "Forged", role: "ADMIN" },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("FORBIDDEN");
  await expect(users.db.user.findUnique({ where: { email } })).resolves.toBeNull();

  await test.step("the reader shows a viewer no edit controls, and the server refuses a forged span", async () => {
    await page.goto("/stories/varnhamn-shore-power?a=en,fr");
    await expect(page.locator("[data-testid=reader][data-ready]")).toBeAttached();
    await expect(page.getByTestId("pane-language")).toHaveText(["en", "fr"]);
    await expect(page.getByText("Read only")).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit alignment" })).toHaveCount(0);
    await page.keyboard.press("1");
    await page.keyboard.press("n");
    await expect(page.getByTestId("selected-span")).toBeVisible();
    await expect(page.getByRole("button", { name: /Relabel|Delete span|Link entity|Link claim/ })).toHaveCount(0);
    // Neither caret mode nor a mouse selection opens the label picker.
    await page.keyboard.press("c");
    await page.keyboard.press("Enter");
    await page.getByTestId("pane-text-0").locator("[data-p='1']").dblclick();
    await expect(page.getByTestId("label-menu")).toHaveCount(0);

    const article = await users.db.article.findFirstOrThrow({ where: { externalId: "demo-varnhamn-en" } });
    const spanId = crypto.randomUUID();
    const forgedSpan = await page.request.post(`/api/articles/${article.id}/spans/mutations`, {
      data: {
        mutations: [
          {
            type: "create",
            mutationId: crypto.randomUUID(),
            span: { id: spanId, articleId: article.id, start: 0, end: 8, quote: "VARNHAMN", kind: "ENTITY" },
          },
        ],
      },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(forgedSpan.status()).toBe(403);
    await expect(users.db.span.findUnique({ where: { id: spanId } })).resolves.toBeNull();
  });
});

test("a cross-site request riding an admin's cookie is refused", async ({ page, users }) => {
  await users.signInAs(page, "ADMIN");
  const email = `csrf-${Date.now()}@e2e.parallax.test`;
  const res = await page.request.post("/api/admin/users", {
    data: { email, name: "CSRF", role: "ADMIN" },
    headers: { origin: "http://attacker.example", "sec-fetch-site": "cross-site" },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("CROSS_SITE_REQUEST");
  await expect(users.db.user.findUnique({ where: { email } })).resolves.toBeNull();
});

test("a personal access token works for scripts until it is revoked", async ({ page, request, users }) => {
  const editor = await users.signInAs(page, "EDITOR");
  await page.goto("/account/tokens");
  await page.getByLabel("Token name").fill("nightly export");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("one-time-secret").inputValue();
  expect(token).toMatch(/^plx_/);

  // `request` is a separate client without the browser's cookies: the token alone.
  const me = await request.get("/api/me", { headers: { authorization: `Bearer ${token}` } });
  expect(await me.json()).toMatchObject({ email: editor.email, role: "EDITOR", via: "token" });

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("table", { name: "API tokens" })).toContainText("revoked");
  const after = await request.get("/api/me", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});

test("signing out everywhere ends the other browsers' sessions too", async ({ page, browser, users, pageProblems }) => {
  const user = await users.create("EDITOR");
  await users.signIn(page, user);
  const other = await otherBrowser(browser, pageProblems);
  await users.signIn(other, user);
  await other.goto("/");
  await expect(other.getByTestId("current-user")).toBeVisible();

  await page.goto("/account/sessions");
  await expect(page.getByRole("list", { name: "Sessions" }).getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await other.reload();
  await expect(other).toHaveURL(/\/signin/);
  await other.context().close();
});

test("repeated failed sign-ins are slowed, then refused, with a clear message", async ({ page, users }) => {
  const user = await users.create("VIEWER");
  await page.goto("/signin");
  const alert = page.locator("#signin-error");
  const attempt = async (password: string) => {
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
    return (await alert.textContent()) ?? "";
  };
  // A few free tries, then each further one must wait (the delay doubles).
  const messages: string[] = [];
  for (let i = 0; i < 8 && !messages.at(-1)?.startsWith("Too many"); i++) messages.push(await attempt(`wrong-${i}`));
  expect(messages.slice(0, 3)).toEqual(Array(3).fill("That e-mail and password do not match an account."));
  expect(messages.at(-1)).toMatch(
    /^Too many failed attempts for this account from your network\. Try again in \d+ seconds?\.$/,
  );

  // Past the limit the account is locked from this address, and even the right password is refused here.
  const { count } = await users.db.signInThrottle.updateMany({
    where: { key: { startsWith: `pair:${user.email}|` } },
    data: { failures: 10, lastFailureAt: new Date(), lockedUntil: new Date(Date.now() + 15 * 60_000) },
  });
  expect(count).toBe(1);
  expect(await attempt(user.password)).toBe(
    "Too many failed attempts for this account from your network. Try again in 15 minutes.",
  );
});
