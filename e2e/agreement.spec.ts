/**
 * Independent annotation, agreement and adjudication end to end: an admin
 * assigns the sv and en versions of a story to two editors independently;
 * each annotates without seeing the other's spans; both mark done; the
 * agreement page shows the figures lib/agreement computes from the database;
 * a curator accepts the agreed spans in one step and settles a disagreement
 * with the keyboard; the curated export holds exactly those spans, with who
 * proposed and who accepted each.
 */
import type { Browser, Page } from "@playwright/test";
import { prepareText } from "../lib/articles/prepare";
import { loadAgreementReport } from "../lib/agreement/load";
import type { Db } from "../lib/db";
import { expect, test, watchPage, type TestUser, type Users } from "./support/fixtures";
import { pane, selectWithMouse } from "./support/annotate";

const SV = "Ingrid Halvorsen besökte Kiel i maj.\n\nHamnen i Kiel var full av fartyg från Gdańsk.";
const EN = "Ingrid Halvorsen visited Kiel in May.\n\nThe harbour in Kiel was full of ships from Gdańsk.";

async function createStory(db: Db, key: string) {
  const story = await db.story.create({ data: { key, title: "Agreement test: a visit to Kiel" } });
  for (const [language, raw] of [
    ["sv", SV],
    ["en", EN],
  ] as const) {
    const { text, length, contentHash } = prepareText(raw);
    await db.article.create({
      data: {
        storyId: story.id,
        language,
        text,
        length,
        contentHash,
        revisions: { create: { revision: 1, text, contentHash } },
      },
    });
  }
  return story;
}

async function pageAs(browser: Browser, users: Users, user: TestUser, problems: string[]): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  watchPage(page, problems);
  await users.signIn(page, user);
  return page;
}

/** Tags `quote` in pane `k` with the label a key picks (p Person, o Organisation, g GPE). */
async function tag(page: Page, k: number, quote: string, key: string) {
  const before = await pane(page, k).locator("[data-s]").count();
  const menu = page.getByTestId("label-menu");
  await selectWithMouse(page, k, quote);
  // Another reader's presence chip may shift the layout while the mouse drags: select again.
  if (!(await menu.isVisible())) await selectWithMouse(page, k, quote);
  await expect(menu).toContainText(quote);
  await page.keyboard.press(key);
  await page.keyboard.press("Enter");
  await expect.poll(() => pane(page, k).locator("[data-s]").count()).toBeGreaterThan(before);
}

async function annotate(page: Page, key: string, work: [pane: number, quote: string, label: string][]) {
  await page.goto(`/stories/${key}?a=sv,en`);
  await expect(page.getByTestId("annotation-panel")).toHaveAttribute("data-ready", "true");
  // Nobody else's spans: the panes start empty, whoever annotated before.
  await expect(page.locator("[data-s]")).toHaveCount(0);
  for (const [k, quote, label] of work) await tag(page, k, quote, label);
}

const ownSpans = (db: Db, storyKey: string, userId: string) =>
  db.span.count({ where: { article: { story: { key: storyKey } }, layerOwnerId: userId, deletedAt: null } });

test("two editors annotate independently; agreement; a curator adjudicates by keyboard; the curated export", async ({
  page,
  browser,
  users,
  workerDb,
  pageProblems,
}) => {
  test.slow();
  const key = `agreement-${Date.now().toString(36)}`;
  const story = await createStory(workerDb, key);
  const tag4 = Date.now().toString(36).slice(-4);
  const ann = await users.create("EDITOR", { name: `A-annotator ${tag4}` });
  const bo = await users.create("EDITOR", { name: `B-annotator ${tag4}` });
  const admin = await users.create("ADMIN");
  await users.signIn(page, admin);

  await test.step("the admin assigns sv and en to both editors, independently", async () => {
    await page.goto(`/stories/${key}/assignments`);
    await page.getByRole("checkbox", { name: "sv", exact: true }).check();
    await page.getByRole("checkbox", { name: "en", exact: true }).check();
    await page.getByRole("checkbox", { name: new RegExp(ann.name) }).check();
    await page.getByRole("checkbox", { name: new RegExp(bo.name) }).check();
    await page.getByRole("radio", { name: /Independent/ }).check();
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText("Assigned.");
    await expect(
      workerDb.assignment.count({ where: { article: { storyId: story.id }, mode: "INDEPENDENT" } }),
    ).resolves.toBe(4);
  });

  const annPage = await pageAs(browser, users, ann, pageProblems);
  const boPage = await pageAs(browser, users, bo, pageProblems);

  await test.step("each annotates both versions and sees only their own spans", async () => {
    await annotate(annPage, key, [
      [0, "Ingrid Halvorsen", "p"],
      [0, "Gdańsk", "g"],
      [1, "Ingrid Halvorsen", "p"],
    ]);
    await expect.poll(() => ownSpans(workerDb, key, ann.id)).toBe(3);
    await annPage.goto("/my-work");
    await annotate(boPage, key, [
      [0, "Ingrid Halvorsen", "p"],
      [0, "Gdańsk", "o"],
      [1, "Ingrid Halvorsen", "p"],
      [1, "Gdańsk", "g"],
    ]);
    await expect.poll(() => ownSpans(workerDb, key, bo.id)).toBe(4);
    await boPage.goto("/my-work");
    // Back in the story, each still sees exactly their own.
    await annPage.goto(`/stories/${key}?a=sv,en`);
    await expect(pane(annPage, 0).locator("[data-s]")).toHaveCount(2);
    await expect(pane(annPage, 1).locator("[data-s]")).toHaveCount(1);
  });

  await test.step("both mark their work done", async () => {
    for (const p of [annPage, boPage]) {
      await p.goto("/my-work");
      const rows = p.getByTestId("assignments").locator("tbody tr").filter({ hasText: "Agreement test" });
      await expect(rows).toHaveCount(2);
      for (let i = 0; i < 2; i++) {
        await rows.getByRole("button", { name: "Mark done" }).first().click();
        await expect(rows.getByTestId("status").filter({ hasText: "Done" })).toHaveCount(i + 1);
      }
    }
  });

  await test.step("the agreement page shows the figures lib/agreement computes", async () => {
    const report = await loadAgreementReport(workerDb, { storyKeys: [key] });
    const pair = report.pairs.find((p) => new Set([p.a, p.b]).size === 2)!;
    // By hand: exact matches are Ingrid Halvorsen/Person in sv and en; Ann has 3 spans, Bo 4.
    expect(pair.exact.f1.value).toBeCloseTo((2 * 2) / (3 + 4), 6);
    await page.goto(`/stories/${key}/agreement`);
    // Annotators' names are isolated, so a right-to-left name cannot reorder the headings.
    await expect(page.getByTestId("agreement-matrix").locator("th bdi").filter({ hasText: ann.name })).toHaveCount(2);
    const cell = page.getByTestId(`cell-${ann.name}-${bo.name}`);
    await expect(cell.getByTestId("cell-f1-exact")).toHaveText(pair.exact.f1.value!.toFixed(3));
    await expect(cell.getByTestId("cell-f1-overlap")).toHaveText(pair.overlap.f1.value!.toFixed(3));
    await expect(cell.getByTestId("cell-alpha")).toHaveAttribute("data-value", String(pair.alphaU.value ?? ""));
  });

  await test.step("the curator accepts the agreed spans in one step and settles one disagreement by keyboard", async () => {
    await page.goto(`/stories/${key}/curate?v=sv`);
    await expect(page.getByTestId("curation")).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("pane-layer")).toHaveText([`1 · ${ann.name}`, `2 · ${bo.name}`, "Curated"]);
    await expect(page.getByTestId("curation-summary")).toContainText("2 places: 1 agreed, 1 disagreements (1 open)");
    const curated = pane(page, 2).locator("[data-s]");
    await expect(curated).toHaveCount(0);
    await page.keyboard.press("Shift+A");
    await expect(curated).toHaveCount(1);
    await expect(curated).toHaveText("Ingrid Halvorsen");
    await page.keyboard.press("n");
    const unit = page.getByTestId("curation-unit");
    await expect(unit.getByTestId("unit-state")).toHaveText("disagreement, open");
    await expect(unit.getByTestId("version-1")).toContainText("“Gdańsk” · Country, city, state");
    await expect(unit.getByTestId("version-2")).toContainText("“Gdańsk” · Organisation");
    await page.keyboard.press("1");
    await expect(unit.getByTestId("unit-state")).toHaveText("disagreement, curated");
    await expect(curated).toHaveCount(2);
    await expect(unit.getByTestId("unit-curated")).toContainText(`proposed by ${ann.name}, accepted by ${admin.name}`);
    await expect(page.getByTestId("curation-summary")).toContainText("(0 open)");
  });

  await test.step("the curated export holds exactly those spans, with provenance", async () => {
    const res = await page.request.post("/api/export", {
      data: { format: "jsonl", filter: { stories: [key], languages: ["sv"], layer: "curated" } },
    });
    expect(res.ok()).toBeTruthy();
    const lines = (await res.text()).trim().split("\n");
    expect(lines).toHaveLength(1);
    const spans = (JSON.parse(lines[0]!) as { spans: Record<string, unknown>[] }).spans;
    expect(spans.map((s) => [s.text, s.label, s.layer, s.proposed_by, s.accepted_by])).toEqual([
      ["Ingrid Halvorsen", "PERSON", "curated", expect.stringMatching(/@e2e\.parallax\.test$/), admin.email],
      ["Gdańsk", "GPE", "curated", ann.email, admin.email],
    ]);
    expect([ann.email, bo.email]).toContain(spans[0]!.proposed_by);
  });

  await test.step("an annotator sees where the curator changed their work", async () => {
    // Bo, done with the version, opens the curation: his span was not taken, Ann's was.
    await boPage.goto(`/stories/${key}/curate?v=sv`);
    await expect(boPage.getByTestId("curation")).toHaveAttribute("data-ready", "true");
    await boPage.keyboard.press("n");
    await expect(boPage.getByTestId("version-1")).toContainText("“Gdańsk” · Country, city, state · accepted");
    await expect(boPage.getByTestId("version-2")).toContainText("“Gdańsk” · Organisation · not taken");
  });

  await test.step("the curator moves the curated span's boundaries with the keyboard; provenance stays", async () => {
    await page.goto(`/stories/${key}/curate?v=sv`);
    await expect(page.getByTestId("curation")).toHaveAttribute("data-ready", "true");
    await page.keyboard.press("n");
    await expect(page.getByTestId("unit-curated")).toContainText("“Gdańsk”");
    // The shortcut list names the key, from the same keymap that handles it.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog");
    await expect(help).toContainText("Move this place's curated span's boundaries");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await page.keyboard.press("b");
    const panel = page.getByTestId("adjust-boundaries");
    await expect(panel.getByTestId("adjust-quote")).toHaveText("“Gdańsk”");
    // The start five characters back; the end one back and forward again.
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Shift+ArrowLeft");
    await expect(panel.getByTestId("adjust-quote")).toHaveText("“från Gdańs”");
    await page.keyboard.press("Shift+ArrowRight");
    await expect(panel.getByTestId("adjust-quote")).toHaveText("“från Gdańsk”");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("unit-curated")).toContainText(
      `“från Gdańsk” · Country, city, state — proposed by ${ann.name}, accepted by ${admin.name} (edited)`,
    );
    const row = await workerDb.span.findFirstOrThrow({
      where: { article: { story: { key }, language: "sv" }, layer: "CURATED", deletedAt: null, quote: "från Gdańsk" },
    });
    expect(row).toMatchObject({ proposedById: ann.id, acceptedById: admin.id, sourceSpanId: null });
  });
});

test("the reader leads an editor to the story's agreement and curation, which lead to the assignments; a viewer sees none", async ({
  page,
  users,
}) => {
  await users.signInAs(page, "VIEWER");
  await page.goto("/stories/varnhamn-shore-power");
  await expect(page.locator("[data-testid=reader][data-ready]")).toBeAttached();
  await expect(page.getByRole("navigation", { name: "The story's team work" })).toHaveCount(0);

  await page.context().clearCookies();
  await users.signInAs(page, "EDITOR");
  await page.goto("/stories/varnhamn-shore-power?a=en,sv");
  const team = page.getByRole("navigation", { name: "The story's team work" });
  await expect(team.getByRole("link", { name: "Assignments" })).toHaveAttribute(
    "href",
    "/stories/varnhamn-shore-power/assignments",
  );
  await expect(team.getByRole("link", { name: "Curate" })).toHaveAttribute(
    "href",
    /^\/stories\/varnhamn-shore-power\/curate\?v=[0-9a-f-]{36}$/,
  );
  await team.getByRole("link", { name: "Agreement" }).click();
  await expect(page).toHaveURL(/\/stories\/varnhamn-shore-power\/agreement$/);
  // Nobody annotates the demo story independently.
  await expect(page.getByText("Agreement needs at least two annotators working independently")).toBeVisible();
  await page.getByRole("link", { name: "Assign annotators" }).click();
  await expect(page).toHaveURL(/\/stories\/varnhamn-shore-power\/assignments$/);
  await expect(page.getByRole("heading", { name: "Assignments", level: 1 })).toBeVisible();

  // Curation likewise: nothing to curate yet, and where to assign the version.
  await page.goto("/stories/varnhamn-shore-power?a=en,sv");
  await team.getByRole("link", { name: "Curate" }).click();
  await expect(page.getByText("No one annotates this version independently")).toBeVisible();
  await page.getByRole("link", { name: "assign it" }).click();
  await expect(page.getByRole("heading", { name: "Assignments", level: 1 })).toBeVisible();
});
