/**
 * Freezing and retiring datasets as editors met them: a story typed but not
 * added (a typo) blocks the snapshot instead of freezing every story;
 * stories are picked by title; an administrator retires a snapshot, which
 * leaves the list and stays reachable by its link.
 */
import { randomBytes } from "node:crypto";
import { createSnapshot } from "../lib/export";
import { expect, test } from "./support/fixtures";
import { E2E_DATA_DIR } from "./support/env";

const DEMO_TITLE = "Varnhamn switches its ferries to shore power";

test.describe("datasets", () => {
  test("a mistyped story blocks the snapshot; stories are picked by title", async ({ page, users }) => {
    await users.signInAs(page, "EDITOR");
    await page.goto("/datasets/new");
    const form = page.getByRole("form", { name: "New dataset snapshot" });
    await form.getByLabel("Name").fill(`Typo ${randomBytes(3).toString("hex")}`);
    await expect(page.getByTestId("count-spans")).toBeVisible();
    await expect(form.getByRole("button", { name: "Create snapshot" })).toBeEnabled();

    const stories = page.getByLabel("Stories", { exact: true });
    await stories.fill("varnhamn-shore-powr");
    await stories.press("Enter");
    await expect(page.getByRole("alert").filter({ hasText: "No story is titled" })).toContainText(
      "No story is titled “varnhamn-shore-powr”",
    );
    await expect(page.getByTestId("filter-unfinished")).toContainText("“varnhamn-shore-powr”, not added");
    await expect(form.getByRole("button", { name: "Create snapshot" })).toBeDisabled();

    await stories.fill(DEMO_TITLE.toLowerCase());
    await page.getByRole("button", { name: "Add story" }).click();
    const chosen = page.getByRole("list", { name: "Chosen stories" });
    await expect(chosen).toContainText(DEMO_TITLE);
    await expect(chosen).toContainText("varnhamn-shore-power");
    await expect(page.getByTestId("filter-unfinished")).toBeHidden();
    await expect(form.getByRole("button", { name: "Create snapshot" })).toBeEnabled();
  });

  test("an administrator retires a snapshot: unlisted, still reachable, audited", async ({ page, users, workerDb }) => {
    const admin = await users.signInAs(page, "ADMIN");
    const name = `Retire me ${randomBytes(3).toString("hex")}`;
    const snapshot = await createSnapshot(
      workerDb,
      { name, format: "jsonl", filter: { stories: ["varnhamn-shore-power"] } },
      { id: admin.id, email: admin.email },
      { databaseUrl: process.env.DATABASE_URL!, dataDir: E2E_DATA_DIR },
    );
    await page.goto("/datasets");
    await expect(page.getByRole("link", { name: `Download ${name}` })).toBeVisible();
    await page.goto(`/datasets/${snapshot.id}`);
    await page.getByRole("button", { name: "Retire this snapshot…" }).click();
    await page.getByRole("group", { name: "Retire the snapshot" }).getByRole("button", { name: "Retire" }).click();
    await expect(page.getByTestId("dataset-retired")).toContainText("Retired on");
    await expect(page.getByRole("link", { name: /^Download / })).toBeVisible();

    await page.goto("/datasets");
    await expect(page.getByRole("heading", { level: 1, name: "Datasets" })).toBeVisible();
    await expect(page.getByRole("link", { name: `Download ${name}` })).toHaveCount(0);
    const res = await page.request.get(`/api/datasets/${snapshot.id}/file`);
    expect(res.status()).toBe(200);
    expect(
      await workerDb.auditEvent.count({
        where: { action: "dataset.retired", targetId: snapshot.id, actorId: admin.id },
      }),
    ).toBe(1);

    // The audit log names the dataset and the administrator's target users by name, not by id.
    await page.goto("/admin/audit?action=dataset.retired");
    const row = page.getByRole("table", { name: "Audit events" }).getByRole("row").filter({ hasText: name });
    await expect(row.getByRole("link", { name: `dataset ${name}` })).toBeVisible();
  });

  test("an editor is not offered to retire", async ({ page, users, workerDb }) => {
    const editor = await users.signInAs(page, "EDITOR");
    const snapshot = await createSnapshot(
      workerDb,
      { name: `Kept ${randomBytes(3).toString("hex")}`, format: "csv", filter: { stories: ["varnhamn-shore-power"] } },
      { id: editor.id, email: editor.email },
      { databaseUrl: process.env.DATABASE_URL!, dataDir: E2E_DATA_DIR },
    );
    await page.goto(`/datasets/${snapshot.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Retire this snapshot…" })).toHaveCount(0);
  });
});
