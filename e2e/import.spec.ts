/**
 * Importing through the browser. Runs in its own Playwright project
 * ("import", playwright.config.ts) before the others: the first test leaves
 * the fixture corpus (tests/fixtures/corpus) with its gold spans in the
 * database for the specs after it.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { createApiToken } from "../lib/auth/api-tokens";
import type { Db } from "../lib/db";
import { corpusFile } from "../tests/support/corpus-dir";
import { expect, test } from "./support/fixtures";

const ARTICLES = corpusFile("articles.jsonl");
const GOLD = corpusFile("gold-spans.jsonl");

const corpusIds = readFileSync(ARTICLES, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { external_id: string }).external_id);
const goldSpans = readFileSync(GOLD, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .reduce((n, l) => n + (JSON.parse(l) as { spans: unknown[] }).spans.length, 0);

/** Row counts of everything an import writes. */
async function counts(db: Db) {
  return {
    stories: await db.story.count(),
    articles: await db.article.count(),
    revisions: await db.articleRevision.count(),
    spans: await db.span.count(),
    entities: await db.entity.count(),
    aliases: await db.entityAlias.count(),
    claims: await db.claim.count(),
  };
}

/** Records whether a progress bar was ever shown (an import of six articles is quick). */
async function watchProgressBar(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __sawProgress: boolean };
    w.__sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[role="progressbar"]')) w.__sawProgress = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { __sawProgress: boolean }).__sawProgress);
}

async function importFiles(page: Page, articles: string, spans?: string) {
  await page.getByLabel("Article file").setInputFiles(articles);
  await expect(page.getByTestId("detected-format")).toHaveText("Format: JSONL (one article per line)");
  if (spans) await page.getByLabel("Spans file (optional)").setInputFiles(spans);
  const sawProgress = await watchProgressBar(page);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("region", { name: "Import report" })).toBeVisible({ timeout: 30_000 });
  expect(await sawProgress(), "a progress bar is shown while the import runs").toBe(true);
}

const count = (page: Page, key: string) => page.getByTestId(`count-${key}`).locator("dd");

test.describe("import through the browser", () => {
  test("the corpus with its gold spans file comes in once; importing it again changes nothing", async ({
    page,
    users,
  }) => {
    const db = users.db;
    await users.signInAs(page, "EDITOR");
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Import" })).toBeVisible();
    const present = await db.article.count({ where: { externalId: { in: corpusIds } } });

    await test.step("first import: every article, with the spans of the spans file", async () => {
      await importFiles(page, ARTICLES, GOLD);
      await expect(count(page, "imported")).toHaveText(String(corpusIds.length - present));
      await expect(count(page, "skipped")).toHaveText(String(present));
      await expect(count(page, "rejected")).toHaveText("0");
      await expect(page.getByTestId("spans-file-report")).toContainText(
        `spans merged into ${corpusIds.length} articles`,
      );
      expect(await db.article.count({ where: { externalId: { in: corpusIds } } })).toBe(corpusIds.length);
      expect(
        await db.span.count({ where: { article: { externalId: { in: corpusIds } }, deletedAt: null } }),
      ).toBeGreaterThanOrEqual(goldSpans);
      const city = await db.span.findFirst({
        where: { article: { externalId: corpusIds[0] }, quote: "Göteborg" },
        select: { label: { select: { key: true } }, entity: { select: { key: true } } },
      });
      expect(city).toEqual({ label: { key: "GPE" }, entity: { key: "gothenburg" } });
    });

    await test.step("second import of the same files: all unchanged, no row added or changed", async () => {
      const before = await counts(db);
      await page.getByRole("button", { name: "Clear report" }).click();
      await importFiles(page, ARTICLES, GOLD);
      await expect(count(page, "imported")).toHaveText("0");
      await expect(count(page, "updated")).toHaveText("0");
      await expect(count(page, "skipped")).toHaveText(String(corpusIds.length));
      await expect(count(page, "rejected")).toHaveText("0");
      expect(await counts(db)).toEqual(before);
    });
  });

  test("a file with bad lines imports the good ones and reports each bad line", async ({ page, users }, testInfo) => {
    const tag = randomBytes(4).toString("hex");
    const story = `e2e-bad-lines-${tag}`;
    const text = "Kiel harbour reopened on Monday. The Baltic Ferry Company said traffic would resume.";
    const base = { story, language: "en", outlet: "Parallax test desk" };
    const lines = [
      {
        ...base,
        external_id: `${tag}-good-1`,
        title: "Harbour reopens",
        text,
        spans: [
          { start: 0, end: 4, text: "Kiel", kind: "entity", label: "GPE", entity: `kiel-${tag}` },
          { start: 37, end: 57, text: "Baltic Ferry Company", kind: "entity", label: "ORG", entity: `bfc-${tag}` },
        ],
      },
      { ...base, external_id: `${tag}-bad-language`, language: "english please", text: "Some text." },
      { ...base, external_id: `${tag}-empty`, text: "  \n " },
      {
        ...base,
        external_id: `${tag}-out-of-range`,
        text: "Short text.",
        spans: [{ start: 6, end: 600, text: "text.", kind: "entity", label: "ORG" }],
      },
      {
        ...base,
        external_id: `${tag}-mismatch`,
        text: "Another short text.",
        spans: [{ start: 0, end: 7, text: "Neither", kind: "entity", label: "ORG" }],
      },
      { ...base, external_id: `${tag}-good-2`, title: "Second good line", text: "Ferries left Kiel at noon." },
    ];
    const file = testInfo.outputPath("bad-lines.jsonl");
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");

    await users.signInAs(page, "EDITOR");
    await page.goto("/import");
    await importFiles(page, file);
    await expect(count(page, "imported")).toHaveText("2");
    await expect(count(page, "rejected")).toHaveText("4");
    const rejected = page.getByRole("table", { name: "Rejected lines" });
    await expect(rejected.locator("tbody tr")).toHaveCount(4);
    await expect(page.getByTestId("rejected-2")).toContainText(/language/i);
    await expect(page.getByTestId("rejected-3")).toContainText(/empty/i);
    await expect(page.getByTestId("rejected-4")).toContainText("spans[0]");
    await expect(page.getByTestId("rejected-5")).toContainText("spans[0]");
    expect(await users.db.article.count({ where: { story: { key: story } } })).toBe(2);

    await test.step("revising the good article carries one span and flags the other for review", async () => {
      const article = await users.db.article.findUniqueOrThrow({ where: { externalId: `${tag}-good-1` } });
      await page.goto(`/articles/${article.id}/revise`);
      await expect(page.getByRole("heading", { level: 1, name: "Harbour reopens" })).toBeVisible();
      await page
        .getByLabel("Text", { exact: true })
        .fill("After the storm, Kiel harbour reopened on Monday. Ferries resume.");
      await page.getByLabel("Title").fill("Harbour reopens after the storm");
      await page.getByRole("button", { name: "Save new revision" }).click();
      await expect(page.getByRole("main").getByRole("status")).toHaveText("Saved as revision 2.");
      await expect(page.getByTestId("revision-spans")).toContainText("1 span carried over");
      await expect(page.getByTestId("revision-spans")).toContainText("1 flagged for review");
      await expect(page.getByTestId("revision-spans")).toContainText("Baltic Ferry Company");
      await expect(page.getByTestId("orphaned-spans")).toContainText("Baltic Ferry Company");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Harbour reopens after the storm");
      const kiel = await users.db.span.findFirstOrThrow({ where: { articleId: article.id, quote: "Kiel" } });
      expect(kiel).toMatchObject({ start: 17, end: 21, revision: 2, orphaned: false });
    });
  });

  test("a pasted HTML document is stored and shown as text, its script never run", async ({ page, users }) => {
    const story = `e2e-pasted-${randomBytes(4).toString("hex")}`;
    await users.signInAs(page, "EDITOR");
    await page.goto("/import");
    await page.getByRole("radio", { name: "Paste text" }).check();
    await page.getByLabel("Format").selectOption("html");
    await page
      .getByLabel("Text", { exact: true })
      .fill(
        "<h1>Markup in the newsroom</h1><p>Editors type &lt;script&gt;alert(1)&lt;/script&gt; as words.</p>" +
          '<script>document.title = "pwned"</script><p>Second paragraph.</p>',
      );
    await page.getByLabel("Language").fill("en");
    await page.getByLabel("Story", { exact: true }).fill(story);
    await page.getByLabel("Outlet").fill("Parallax test desk");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("document-result")).toContainText("Imported");

    const article = await users.db.article.findFirstOrThrow({ where: { story: { key: story } } });
    expect(article.title).toBe("Markup in the newsroom");
    expect(article.text).toContain("Editors type <script>alert(1)</script> as words.");
    expect(article.text).not.toContain("pwned");

    await page.getByRole("link", { name: "Edit the text (new revision)" }).click();
    await expect(page.getByLabel("Text", { exact: true })).toHaveValue(
      /Editors type <script>alert\(1\)<\/script> as words\./,
    );
    expect(await page.title()).not.toBe("pwned");
  });

  test("an article body over 2 MiB is refused with the limit named", async ({ page, users }) => {
    await users.signInAs(page, "EDITOR");
    await page.goto("/import");
    await page.getByLabel("Article file").setInputFiles({
      name: "huge.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("a".repeat(2 * 1024 * 1024 + 10)),
    });
    await page.getByLabel("Language").fill("en");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("too large");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("the limit is 2.0 MiB");
  });

  test("the API reads a JSONL body of any size whole, past the proxy's 10 MB body limit", async ({
    request,
    users,
  }) => {
    const editor = await users.create("EDITOR");
    const { token } = await createApiToken(users.db, editor.id, "e2e import");
    const paragraph = "Ferries crossed the Kiel fjord at dawn, as they do every day. ".repeat(160);
    const lines = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify({ external_id: `e2e-big-${i}`, story: "e2e-big", language: "en", text: `${i}. ${paragraph}` }),
    );
    const body = Buffer.from(lines.join("\n") + "\n");
    expect(body.byteLength).toBeGreaterThan(11 * 1024 * 1024);
    // A dry run: everything is read and checked, nothing is written.
    const res = await request.post("/api/import?dryRun=1&wait=true", {
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
      data: body,
      timeout: 120_000,
    });
    expect(res.status()).toBe(200);
    const { report } = await res.json();
    expect(report).toMatchObject({ lines: 1200, imported: 1200, rejected: [], dryRun: true, bytes: body.byteLength });
  });

  test("viewers have no Import entry and cannot open the page", async ({ page, users }) => {
    await users.signInAs(page, "VIEWER");
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" })).toHaveCount(0);
    const res = await page.goto("/import");
    expect(res?.status()).toBe(403);
  });
});
