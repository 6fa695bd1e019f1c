import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const activeRows = (page: Page) =>
  page
    .getByRole("table", { name: "Active labels, in picker order" })
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")));

test.describe("taxonomy administration", () => {
  test("an administrator adds a label with a shortcut, reorders it and archives it", async ({ page, users }) => {
    await users.signInAs(page, "ADMIN");
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Labels" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Labels" })).toBeVisible();

    const key = `PRODUCT_${randomBytes(3).toString("hex").toUpperCase()}`;
    const name = `Product ${key.slice(-6)}`;
    const form = page.getByRole("form", { name: "New label" });

    await test.step("a shortcut another label has is refused with the reason", async () => {
      await form.getByLabel("Key", { exact: true }).fill(key);
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Shortcut", { exact: true }).fill("P");
      await form.getByRole("button", { name: "Add label" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(
        'The shortcut "p" is already used by Person (PERSON).',
      );
    });

    await test.step("with a free shortcut the label is added at the end of the picker", async () => {
      await form.getByLabel("Shortcut", { exact: true }).fill("9");
      await form.getByRole("button", { name: "Add label" }).click();
      await expect(page.getByRole("main").getByRole("status")).toHaveText(`${name} added.`);
      const row = page.getByTestId(`label-${key}`);
      await expect(row).toContainText(name);
      await expect(row.locator("kbd")).toHaveText("9");
      expect((await activeRows(page)).at(-1)).toBe(`label-${key}`);
    });

    await test.step("moving it up swaps it with the label above", async () => {
      const before = await activeRows(page);
      await page.getByRole("button", { name: `Move ${name} up` }).click();
      await expect(page.getByRole("main").getByRole("status")).toHaveText(`${name} moved up.`);
      await expect.poll(() => activeRows(page)).toEqual([...before.slice(0, -2), `label-${key}`, before.at(-2)]);
      // The order is stored: it survives a reload.
      await page.reload();
      expect((await activeRows(page)).at(-2)).toBe(`label-${key}`);
    });

    await test.step("archiving moves it out of the picker", async () => {
      await page.getByRole("button", { name: `Archive ${name}` }).click();
      await expect(page.getByRole("main").getByRole("status")).toHaveText(`${name} archived.`);
      const archived = page.getByRole("table", { name: "Archived labels" });
      await expect(archived.getByTestId(`label-${key}`)).toBeVisible();
      await expect(archived.getByRole("button", { name: `Restore ${name}` })).toBeVisible();
      expect(await activeRows(page)).not.toContain(`label-${key}`);
      // The annotator's taxonomy no longer offers it.
      const taxonomy = await (await page.request.get("/api/taxonomy")).json();
      expect(taxonomy.labels.map((l: { key: string }) => l.key)).not.toContain(key);
    });

    await test.step("a label in use offers no delete, only archive", async () => {
      await expect(page.getByRole("button", { name: "Archive Person" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Delete Person" })).toHaveCount(0);
    });
  });

  test("an administrator adds a verdict to the scale; one a claim has can only be archived", async ({
    page,
    users,
  }) => {
    await users.signInAs(page, "ADMIN");
    await page.goto("/admin/verdicts");
    const key = `SATIRE_${randomBytes(3).toString("hex").toUpperCase()}`;
    const form = page.getByRole("form", { name: "New verdict" });
    await form.getByLabel("Key", { exact: true }).fill(key);
    await form.getByLabel("Name", { exact: true }).fill("Satire");
    await form.getByLabel("Value", { exact: true }).fill("250");
    await form.getByRole("button", { name: "Add verdict" }).click();
    // The browser's own range check stops 250 before the server sees it; the server says the same for 101.
    await form.getByLabel("Value", { exact: true }).evaluate((input: HTMLInputElement) => input.removeAttribute("max"));
    await form.getByLabel("Value", { exact: true }).fill("101");
    await form.getByRole("button", { name: "Add verdict" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("value: The value must be between 0 and 100.");
    await form.getByLabel("Value", { exact: true }).fill("3");
    await form.getByRole("button", { name: "Add verdict" }).click();
    await expect(page.getByTestId(`verdict-${key}`)).toContainText("unused");
    await expect(page.getByTestId("verdict-MIXED")).toContainText("1 claim");
    await expect(page.getByRole("button", { name: "Delete Needs context" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete Satire" })).toBeVisible();
  });

  test("an editor is refused the taxonomy pages and does not see them in the navigation", async ({ page, users }) => {
    await users.signInAs(page, "EDITOR");
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Stories" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Labels" })).toHaveCount(0);
    for (const path of ["/admin/labels", "/admin/verdicts"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Your role does not give access to this page" })).toBeVisible();
    }
  });
});
