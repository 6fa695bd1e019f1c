import { expect, test, watchPage } from "./support/fixtures";

test("pages carry a strict Content-Security-Policy whose nonce is on every script", async ({ request }) => {
  const first = await request.get("/signin");
  const csp = first.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).toMatch(/form-action 'self'/);
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce).toBeTruthy();

  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // A fresh nonce per response.
  const second = await request.get("/signin");
  expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  expect(first.headers()["x-frame-options"]).toBe("DENY");
});

test("the app hydrates under the policy (no violations: checked for every test by the fixtures)", async ({
  page,
  users,
}) => {
  await users.signInAs(page, "ADMIN");
  for (const path of ["/", "/admin/users", "/admin/audit", "/account", "/account/sessions", "/account/tokens"]) {
    await page.goto(path);
    await expect(page.getByTestId("current-user")).toBeVisible();
  }
  // The token form's secret appears only through React's submit handler: proof of hydration.
  await page.getByLabel("Token name").fill("hydration check");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("one-time-secret")).toHaveValue(/^plx_/);
});

test("an injected inline script is blocked, and the violation is caught by the fixtures' watch", async ({
  browser,
}) => {
  // Its own page, so the expected violation does not fail this test through the auto fixture.
  const page = await (await browser.newContext()).newPage();
  const problems: string[] = [];
  watchPage(page, problems);
  await page.goto("/signin");
  await page.evaluate(() => {
    const button = document.createElement("button");
    button.id = "injected";
    button.textContent = "injected";
    button.setAttribute("onclick", "document.title = 'pwned'");
    document.body.append(button);
  });
  await page.locator("#injected").click();
  await expect(page).not.toHaveTitle("pwned");
  await expect.poll(() => problems.length).toBeGreaterThan(0);
  expect(problems[0]).toMatch(/CSP violation .*Content Security Policy/);
  await page.context().close();
});
