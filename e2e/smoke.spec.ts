import { expect, test } from "./support/fixtures";

test("the home page lists the demo story with its language versions", async ({ page, users }) => {
  await users.signInAs(page, "VIEWER");
  await page.goto("/");
  const stories = page.getByRole("list", { name: "Stories" });
  await expect(stories.getByText("Varnhamn switches its ferries to shore power")).toBeVisible();
  // Other specs import stories of their own into the same database: look at the demo's entry.
  const demo = stories.getByRole("listitem").filter({ hasText: "Varnhamn switches its ferries to shore power" });
  for (const language of ["ar", "en", "fr", "sv", "zh-Hans"]) {
    await expect(demo.locator(`[lang="${language}"]`)).toBeVisible();
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
