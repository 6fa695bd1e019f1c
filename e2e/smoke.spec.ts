import { expect, test } from "./support/fixtures";

test("the home page lists the demo story with its language versions", async ({ page, users }) => {
  await users.signInAs(page, "VIEWER");
  // Other specs import many stories, so the first page may not reach the demo story: search for it.
  await page.goto("/?q=Varnhamn");
  const demo = page
    .getByRole("list", { name: "Stories" })
    .getByRole("listitem")
    .filter({ hasText: "Varnhamn switches its ferries to shore power" });
  await expect(demo).toBeVisible();
  for (const language of ["ar", "en", "fr", "sv", "zh-Hans"]) {
    await expect(demo.locator(`[lang="${language}"]`).first()).toBeVisible();
  }
});

test("the health endpoint reports the database and migrations as ok", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({
    status: "ok",
    database: { ok: true },
    migrations: { ok: true, pending: [], failed: [] },
  });
});
