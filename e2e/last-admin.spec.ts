import { expect, test } from "./support/fixtures";

// Runs in its own Playwright project after every other test (playwright.config.ts),
// because it needs to be the only active admin in the database.
test("the last active admin cannot demote or disable themself", async ({ page, users }) => {
  const admin = await users.signInAs(page, "ADMIN");
  const others = await users.db.user.findMany({
    where: { role: "ADMIN", disabledAt: null, id: { not: admin.id } },
    select: { id: true },
  });
  await users.db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabledAt: new Date() } });
  try {
    await page.goto(`/admin/users/${admin.id}`);
    await page.getByLabel("Role").selectOption("EDITOR");
    await page.getByRole("button", { name: "Change role" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "administrator" })).toContainText(
      "This is the last active administrator.",
    );
    await page.reload();
    await expect(page.getByTestId("user-role")).toHaveText("admin");

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Disable my account" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "administrator" })).toContainText(
      "This is the last active administrator.",
    );
    await page.reload();
    await expect(page.getByTestId("user-status")).toHaveText("active");
    await expect(page.getByTestId("current-user")).toContainText("admin");
  } finally {
    await users.db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { disabledAt: null } });
  }
});
