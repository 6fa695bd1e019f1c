import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Download, Page } from "@playwright/test";
import { prepareText } from "../lib/articles/prepare";
import type { Db } from "../lib/db";
import { expect, test } from "./support/fixtures";

/**
 * A story of the test's own (so other tests' annotations cannot change its
 * counts): a German and a Danish version (languages the demo story lacks, so
 * the home page's checks of the demo's versions stay unambiguous), three
 * entity spans — one after an emoji, where UTF-16 indices and code points
 * part ways.
 */
async function createExportStory(db: Db) {
  const key = `e2e-export-${randomBytes(4).toString("hex")}`;
  const texts = {
    de: "Ingrid Halvorsen 🚢 eröffnete das Terminal in Varnhamn.",
    da: "Ingrid Halvorsen åbnede terminalen i Varnhamn.",
  };
  const story = await db.story.create({ data: { key, title: `Export test ${key}` } });
  const labels = Object.fromEntries(
    (await db.label.findMany({ where: { key: { in: ["PERSON", "GPE"] } } })).map((l) => [l.key, l.id]),
  );
  const spans: { language: "de" | "da"; quote: string; label: string }[] = [
    { language: "de", quote: "Ingrid Halvorsen", label: "PERSON" },
    { language: "de", quote: "Varnhamn", label: "GPE" },
    { language: "da", quote: "Varnhamn", label: "GPE" },
  ];
  for (const [language, text] of Object.entries(texts) as ["de" | "da", string][]) {
    const prepared = prepareText(text);
    const article = await db.article.create({
      data: {
        storyId: story.id,
        language,
        outlet: language === "de" ? "E2E Anzeiger" : "E2E Posten",
        text: prepared.text,
        length: prepared.length,
        contentHash: prepared.contentHash,
        revisions: { create: { revision: 1, text: prepared.text, contentHash: prepared.contentHash } },
      },
    });
    for (const span of spans.filter((s) => s.language === language)) {
      const at = [...prepared.text.slice(0, prepared.text.indexOf(span.quote))].length;
      await db.span.create({
        data: {
          id: randomUUID(),
          articleId: article.id,
          revision: 1,
          start: at,
          end: at + [...span.quote].length,
          quote: span.quote,
          prefix: "",
          suffix: "",
          kind: "ENTITY",
          labelId: labels[span.label]!,
        },
      });
    }
  }
  return { key };
}

const bytesOf = async (download: Download) => readFileSync((await download.path())!);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const codePointSlice = (text: string, start: number, end: number) => [...text].slice(start, end).join("");

async function chooseStory(page: Page, key: string) {
  await page.getByLabel("Stories", { exact: true }).fill(key);
  await page.getByRole("button", { name: "Add story" }).click();
  await expect(page.getByRole("list", { name: "Chosen stories" })).toContainText(key);
}

test.describe("export", () => {
  test("a viewer previews counts, downloads directly, and runs a background export that survives a reload", async ({
    page,
    users,
    workerDb,
  }) => {
    const { key } = await createExportStory(workerDb);
    await users.signInAs(page, "VIEWER");
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Export" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Export" })).toBeVisible();
    const preview = page.getByTestId("export-preview");

    await test.step("the preview counts the selection and follows the filter", async () => {
      await chooseStory(page, key);
      await expect(preview.getByTestId("count-articles")).toHaveText("2");
      await expect(preview.getByTestId("count-spans")).toContainText("3");
      await page.getByRole("group", { name: "Languages" }).getByRole("checkbox", { name: "da", exact: true }).check();
      await expect(preview.getByTestId("count-articles")).toHaveText("1");
      await expect(preview.getByTestId("count-spans")).toContainText("1");
      await page.getByRole("group", { name: "Languages" }).getByRole("checkbox", { name: "da", exact: true }).uncheck();
      await page
        .getByRole("group", { name: "Labels" })
        .getByRole("checkbox", { name: /\(PERSON\)/ })
        .check();
      await expect(preview.getByTestId("count-spans")).toContainText("1");
      await page
        .getByRole("group", { name: "Labels" })
        .getByRole("checkbox", { name: /\(PERSON\)/ })
        .uncheck();
      await expect(preview.getByTestId("count-spans")).toContainText("3");
    });

    await test.step("a bad filter is explained", async () => {
      await page.getByLabel("From", { exact: true }).first().fill("2026-05-02");
      await page.getByLabel("To", { exact: true }).first().fill("2026-05-01");
      await expect(preview.getByRole("alert")).toContainText("`from` must be before `to`");
      await expect(page.getByRole("button", { name: "Download now" })).toBeDisabled();
      await page.getByLabel("From", { exact: true }).first().fill("");
      await page.getByLabel("To", { exact: true }).first().fill("");
      await expect(preview.getByTestId("count-spans")).toContainText("3");
    });

    await test.step("CSV downloads at once, one row per span, quotes equal to their text by code points", async () => {
      await page.getByRole("radio", { name: /CSV of spans/ }).check();
      await expect(preview.getByTestId("count-spans")).toContainText("3");
      const downloading = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download now" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`parallax-${key}.csv`);
      const text = (await bytesOf(download)).toString("utf8");
      expect(text.startsWith("\uFEFF")).toBe(true);
      const lines = text.slice(1).trimEnd().split("\r\n");
      expect(lines).toHaveLength(4);
      const header = lines[0]!.split(",");
      const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i], v])));
      expect(rows.map((r) => `${r.language}:${r.quote}:${r.start}-${r.end}`).sort()).toEqual([
        "da:Varnhamn:37-45",
        "de:Ingrid Halvorsen:0-16",
        "de:Varnhamn:45-53", // after the ship emoji: one code point, two UTF-16 units
      ]);
    });

    let jobUrl = "";
    await test.step("a background export shows its progress and its file, also after a reload", async () => {
      await page.getByRole("radio", { name: /Parallax JSONL/ }).check();
      await expect(preview.getByTestId("count-spans")).toContainText("3");
      await page.getByRole("button", { name: "Run in the background" }).click();
      await expect(page).toHaveURL(/\/export\?job=[0-9a-f-]{36}$/);
      jobUrl = page.url();
      const job = page.getByTestId("export-job");
      await expect(job.getByTestId("export-job-status")).toContainText("Done: 2 articles, 3 spans");
      await page.reload();
      await expect(job.getByRole("progressbar", { name: "Export progress" })).toHaveAttribute("aria-valuenow", "100");
      await expect(job.getByTestId("export-job-status")).toContainText("Done: 2 articles, 3 spans");
      const downloading = page.waitForEvent("download");
      await job.getByRole("link", { name: /^Download parallax-export-/ }).click();
      const bytes = await bytesOf(await downloading);
      const articles = bytes
        .toString("utf8")
        .trimEnd()
        .split("\n")
        .map(
          (l) =>
            JSON.parse(l) as { language: string; text: string; spans: { start: number; end: number; text: string }[] },
        );
      expect(articles.map((a) => a.language)).toEqual(["da", "de"]);
      for (const a of articles) for (const s of a.spans) expect(codePointSlice(a.text, s.start, s.end)).toBe(s.text);
      await expect(job.getByText(`SHA-256 ${sha256(bytes)}`)).toBeVisible();
      // Listed among the recent exports, linking back to its progress.
      const jobId = new URL(jobUrl).searchParams.get("job")!;
      await expect(page.getByTestId(`job-${jobId}`)).toContainText("done");
    });

    await test.step("a viewer is offered no snapshot, and the server refuses one", async () => {
      await expect(page.getByRole("heading", { name: "Dataset snapshot" })).toHaveCount(0);
      await page.goto("/datasets");
      await expect(page.getByRole("heading", { level: 1, name: "Datasets" })).toBeVisible();
      await expect(page.getByRole("link", { name: "New snapshot" })).toHaveCount(0);
      const res = await page.request.post("/api/datasets", {
        data: { name: `viewer ${key}`, format: "jsonl", filter: { stories: [key] } },
      });
      expect(res.status()).toBe(403);
      const forbidden = await page.goto("/datasets/new");
      expect(forbidden?.status()).toBe(403);
    });
  });

  test("an editor freezes a snapshot that downloads again byte for byte and verifies", async ({
    page,
    users,
    workerDb,
  }) => {
    const { key } = await createExportStory(workerDb);
    const name = `E2E dataset ${key}`;
    await users.signInAs(page, "EDITOR");
    await page.goto("/datasets");
    await page.getByRole("link", { name: "New snapshot" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New dataset snapshot" })).toBeVisible();
    await chooseStory(page, key);
    await page.getByRole("radio", { name: /W3C Web Annotation/ }).check();
    await expect(page.getByTestId("count-spans")).toContainText("3");
    const form = page.getByRole("form", { name: "New dataset snapshot" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel(/Description/).fill("Made by the end-to-end test.");
    await form.getByRole("button", { name: "Create snapshot" }).click();
    await expect(page.getByTestId("export-job-status")).toContainText("Done: 2 articles, 3 spans");
    await page.getByRole("link", { name: "Open the dataset snapshot" }).click();

    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const recorded = (await page.getByTestId("dataset-sha256").textContent())!.trim();
    expect(recorded).toMatch(/^[0-9a-f]{64}$/);
    await expect(page.getByText("Made by the end-to-end test.")).toBeVisible();
    await expect(page.getByText(`SHA-256 ${recorded}`)).toBeVisible(); // in the citation

    let downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: /^Download / }).click();
    const first = await bytesOf(await downloading);
    expect(sha256(first)).toBe(recorded);
    const annotations = first
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(annotations).toHaveLength(3);

    await page.getByRole("button", { name: "Check the stored file" }).click();
    await expect(page.getByTestId("verification")).toHaveText("The stored file matches its SHA-256.");

    // Again, from the list: the very same bytes.
    await page.getByRole("link", { name: "← Datasets" }).click();
    downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: `Download ${name}` }).click();
    const second = await bytesOf(await downloading);
    expect(second.equals(first)).toBe(true);

    // Names are never reused.
    const again = await page.request.post("/api/datasets", {
      data: { name, format: "csv", filter: { stories: [key] } },
    });
    expect(again.status()).toBe(409);
  });
});
