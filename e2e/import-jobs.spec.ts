/**
 * A large import is a background job: reloading the page in the middle of
 * it finds the job again by the id in the URL, the progress bar goes on from
 * where it was, and the full report appears at the end — and can be opened
 * again from the import history. The file is generated here (original text).
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const ARTICLES = 16_000;
const BAD_LINES = [2, ARTICLES + 2];

/** A JSONL file of `ARTICLES` short articles, one span each, and two bad lines. */
function largeImport(file: string, tag: string): number {
  const lines: string[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    if (BAD_LINES.includes(lines.length + 1)) lines.push(`{"external_id": "${tag}-broken-${lines.length}"`);
    const text = `Bulletin ${i}: the night ferry from Kiel reached Gothenburg on time, and the harbour office logged calm water.`;
    lines.push(
      JSON.stringify({
        external_id: `${tag}-${i}`,
        story: `e2e-large-${tag}-${i % 40}`,
        language: i % 2 ? "sv" : "en",
        title: `Bulletin ${i}`,
        outlet: "Parallax test desk",
        text,
        spans: [
          { start: text.indexOf("Kiel"), end: text.indexOf("Kiel") + 4, text: "Kiel", kind: "entity", label: "GPE" },
        ],
      }),
    );
  }
  while (lines.length < Math.max(...BAD_LINES)) lines.push(`{"external_id": "${tag}-broken-${lines.length}"`);
  writeFileSync(file, lines.join("\n") + "\n");
  return lines.length;
}

async function percent(page: Page): Promise<number> {
  const value = await page.getByTestId("import-progress").getAttribute("aria-valuenow");
  return value === null ? 0 : Number(value);
}

const count = (page: Page, key: string) => page.getByTestId(`count-${key}`).locator("dd");

test("a reload in the middle of a large import finds its progress bar again, then the full report", async ({
  page,
  users,
}, testInfo) => {
  test.setTimeout(240_000);
  const tag = randomBytes(4).toString("hex");
  const file = testInfo.outputPath("large-import.jsonl");
  const lines = largeImport(file, tag);

  await users.signInAs(page, "EDITOR");
  await page.goto("/import");
  await page.getByLabel("Article file").setInputFiles(file);
  await page.getByRole("button", { name: "Import", exact: true }).click();

  // The job's id goes into the URL as soon as the upload is stored.
  await expect(page).toHaveURL(/\/import\?job=[0-9a-f-]{36}$/, { timeout: 60_000 });
  const jobId = new URL(page.url()).searchParams.get("job")!;
  const bar = page.getByTestId("import-progress");
  await expect(bar).toBeVisible();
  await expect.poll(() => percent(page), { timeout: 90_000 }).toBeGreaterThan(0);
  const before = await percent(page);
  expect(before, "the reload happens in the middle of the import").toBeLessThan(100);
  const writtenBefore = await users.db.article.count({ where: { externalId: { startsWith: `${tag}-` } } });
  expect(writtenBefore).toBeLessThan(ARTICLES);

  await page.reload();
  await expect(page).toHaveURL(new RegExp(`job=${jobId}$`));
  await expect(page.getByTestId("import-job")).toHaveAttribute("data-job-id", jobId);
  // The bar is back, no further back than it was.
  await expect(bar).toBeVisible();
  await expect.poll(() => percent(page)).toBeGreaterThanOrEqual(before);

  await expect(page.getByRole("region", { name: "Import report" })).toBeVisible({ timeout: 180_000 });
  await expect(count(page, "imported")).toHaveText(ARTICLES.toLocaleString("en-US"));
  await expect(count(page, "skipped")).toHaveText("0");
  await expect(count(page, "rejected")).toHaveText(String(BAD_LINES.length));
  for (const line of BAD_LINES) await expect(page.getByTestId(`rejected-${line}`)).toContainText("JSON");
  await expect(page.getByRole("region", { name: "Import report" })).toContainText(
    `${lines.toLocaleString("en-US")} lines`,
  );
  expect(await users.db.article.count({ where: { externalId: { startsWith: `${tag}-` } } })).toBe(ARTICLES);

  await test.step("the history reopens the report later", async () => {
    await page.goto("/import");
    await expect(page.getByTestId("import-job")).toHaveCount(0);
    const row = page.getByTestId(`import-${jobId}`);
    await expect(row).toContainText("large-import.jsonl");
    await expect(row).toContainText("done");
    await row.getByRole("link", { name: "Open report" }).click();
    await expect(page).toHaveURL(new RegExp(`job=${jobId}$`));
    await expect(count(page, "imported")).toHaveText(ARTICLES.toLocaleString("en-US"));
    await expect(count(page, "rejected")).toHaveText(String(BAD_LINES.length));
  });
});
