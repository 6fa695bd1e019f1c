import { randomBytes } from "node:crypto";
import { createApiToken } from "../lib/auth/api-tokens";
import { expect, test } from "./support/fixtures";

test("two users created in a row keep both one-time links; list and page word their status alike", async ({
  page,
  users,
}) => {
  await users.signInAs(page, "ADMIN");
  await page.goto("/admin/users");
  const tag = randomBytes(3).toString("hex");
  const emails = [`first-${tag}@e2e.parallax.test`, `second-${tag}@e2e.parallax.test`];
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create user" }) });

  for (const [i, email] of emails.entries()) {
    await form.getByLabel("Name").fill(`Invitee ${i + 1} ${tag}`);
    await form.getByLabel("E-mail").fill(email);
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByLabel(`Set-password link for ${email}`)).toHaveValue(/\/set-password\//);
  }
  // The first link is still there, beside the second, each naming its person.
  const links = page.getByTestId("one-time-secret");
  await expect(links).toHaveCount(2);
  const first = await page.getByLabel(`Set-password link for ${emails[0]}`).inputValue();
  const second = await page.getByLabel(`Set-password link for ${emails[1]}`).inputValue();
  expect(first).not.toBe(second);
  await expect(page.getByText("2 set-password links are waiting to be sent.")).toBeVisible();

  // Dismissing one keeps the other.
  await page
    .getByRole("status")
    .filter({ hasText: `Set-password link for ${emails[1]}` })
    .getByRole("button", { name: "Done" })
    .click();
  await expect(links).toHaveCount(1);
  await expect(page.getByLabel(`Set-password link for ${emails[0]}`)).toHaveValue(first);

  // The list and the user's page say the same thing about the invitation. The list pages by
  // e-mail, and a full run has made many users, so find the two by search as an admin would.
  await page.getByRole("search").getByLabel("Search").fill(tag);
  await page.getByRole("search").getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^2 users$/ })).toBeVisible();
  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: emails[0]! });
  await expect(row.getByTestId("user-row-status")).toHaveText("invited");
  await row.getByRole("link", { name: `Invitee 1 ${tag}` }).click();
  await expect(page.getByTestId("user-status")).toHaveText("invited");
});

test("after an administrator changes a role, the header shows it on the person's next click", async ({
  page,
  users,
}) => {
  const editor = await users.signInAs(page, "EDITOR");
  await page.goto("/");
  const header = page.getByRole("navigation", { name: "Main" });
  await expect(page.getByTestId("current-user")).toContainText("· editor");
  await expect(header.getByRole("link", { name: "Users" })).toHaveCount(0);

  await users.db.user.update({ where: { id: editor.id }, data: { role: "ADMIN" } });
  // A client-side navigation, not a page load: the layout with the header is not rendered again by itself.
  await header.getByRole("link", { name: "Datasets" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Datasets" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("· admin");
  await expect(header.getByRole("link", { name: "Users" })).toBeVisible();

  await users.db.user.update({ where: { id: editor.id }, data: { role: "VIEWER" } });
  await header.getByRole("link", { name: "Stories" }).click();
  await expect(page.getByTestId("current-user")).toContainText("· viewer");
  await expect(header.getByRole("link", { name: "Import" })).toHaveCount(0);
});

test("an administrator revokes someone's API token on their page, and the token stops working", async ({
  page,
  users,
}) => {
  const admin = await users.signInAs(page, "ADMIN");
  const owner = await users.create("EDITOR");
  const leaked = await createApiToken(users.db, owner.id, `leaked ${randomBytes(3).toString("hex")}`);
  const kept = await createApiToken(users.db, owner.id, "kept");
  const me = (token: string) => page.request.get("/api/me", { headers: { authorization: `Bearer ${token}` } });
  expect((await me(leaked.token)).status()).toBe(200);

  await page.goto(`/admin/users/${owner.id}`);
  const tokens = page.getByRole("table", { name: "API tokens" });
  const row = tokens.getByRole("row").filter({ hasText: leaked.prefix });
  await expect(row.getByTestId("token-status")).toHaveText("active");
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByTestId("token-status")).toHaveText("revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await expect(tokens.getByRole("row").filter({ hasText: kept.prefix }).getByTestId("token-status")).toHaveText(
    "active",
  );

  expect((await me(leaked.token)).status()).toBe(401);
  expect((await me(kept.token)).status()).toBe(200);
  const event = await users.db.auditEvent.findFirstOrThrow({ where: { action: "token.revoked", targetId: leaked.id } });
  expect(event).toMatchObject({ actorId: admin.id, detail: { owner: owner.email } });
});
