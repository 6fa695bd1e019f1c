/**
 * A dataset snapshot with its agreement report, as an editor makes it on
 * /datasets/new: the option freezes the report beside the file; the dataset
 * page shows its SHA-256, downloads it, and the check covers both files. A
 * selection nobody annotated independently is refused with the reason.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { prepareText } from "../lib/articles/prepare";
import type { Db } from "../lib/db";
import { expect, test, type TestUser } from "./support/fixtures";

const EN = "Ingrid Halvorsen visited Kiel in May. The harbour in Kiel was full.";

/** One English version, annotated independently by `annotators` (done), each marking `quotes`. */
async function annotatedStory(db: Db, title: string, annotators: [TestUser, string[]][]) {
  const story = await db.story.create({ data: { key: `dataset-agreement-${randomUUID()}`, title } });
  const { text, length, contentHash } = prepareText(EN);
  const article = await db.article.create({
    data: {
      storyId: story.id,
      language: "en",
      text,
      length,
      contentHash,
      revisions: { create: { revision: 1, text, contentHash } },
    },
  });
  const label = await db.label.findFirstOrThrow({ where: { key: "PERSON" } });
  const chars = [...text];
  for (const [user, quotes] of annotators) {
    await db.assignment.create({
      data: { articleId: article.id, userId: user.id, mode: "INDEPENDENT", status: "DONE", doneAt: new Date() },
    });
    for (const quote of quotes) {
      const start = [...text.slice(0, text.indexOf(quote))].length;
      const end = start + [...quote].length;
      await db.span.create({
        data: {
          id: randomUUID(),
          articleId: article.id,
          revision: 1,
          start,
          end,
          quote,
          prefix: chars.slice(Math.max(0, start - 32), start).join(""),
          suffix: chars.slice(end, end + 32).join(""),
          kind: "ENTITY",
          labelId: label.id,
          layer: "ANNOTATOR",
          layerOwnerId: user.id,
          createdById: user.id,
        },
      });
    }
  }
  return story;
}

async function chooseStory(page: Page, title: string) {
  const stories = page.getByLabel("Stories", { exact: true });
  await stories.fill(title);
  await page.getByRole("button", { name: "Add story" }).click();
  await expect(page.getByRole("list", { name: "Chosen stories" })).toContainText(title);
}

test("an editor freezes a dataset with its agreement report, downloads and checks both", async ({
  page,
  users,
  workerDb,
}) => {
  const tag = randomBytes(3).toString("hex");
  const ann = await users.create("EDITOR");
  const bo = await users.create("EDITOR");
  const title = `Agreement dataset ${tag}`;
  await annotatedStory(workerDb, title, [
    [ann, ["Ingrid Halvorsen", "Kiel"]],
    [bo, ["Ingrid Halvorsen"]],
  ]);
  const plainTitle = `No independent work ${tag}`;
  await annotatedStory(workerDb, plainTitle, []);
  await users.signInAs(page, "EDITOR");

  await test.step("a selection nobody annotated independently is refused, with the reason", async () => {
    await page.goto("/datasets/new");
    await chooseStory(page, plainTitle);
    const form = page.getByRole("form", { name: "New dataset snapshot" });
    await form.getByLabel("Name").fill(`Refused ${tag}`);
    await form.getByRole("checkbox", { name: /Include the agreement report/ }).check();
    await form.getByRole("button", { name: "Create snapshot" }).click();
    // (Next.js keeps an empty route announcer with role=alert on every page.)
    await expect(page.getByRole("alert").filter({ hasText: "annotated independently" })).toContainText(
      "No language version in this selection was annotated independently",
    );
  });

  await test.step("with the option, the report is frozen beside the file", async () => {
    await page.goto("/datasets/new");
    await chooseStory(page, title);
    const form = page.getByRole("form", { name: "New dataset snapshot" });
    await form.getByLabel("Name").fill(`With agreement ${tag}`);
    await form.getByRole("checkbox", { name: /Include the agreement report/ }).check();
    await form.getByRole("button", { name: "Create snapshot" }).click();
    await page.getByRole("link", { name: "Open the dataset snapshot" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`With agreement ${tag}`);
  });

  await test.step("the dataset page shows the report's hash, downloads it, and checks both files", async () => {
    const row = await workerDb.datasetSnapshot.findUniqueOrThrow({ where: { name: `With agreement ${tag}` } });
    await expect(page.getByTestId("dataset-agreement-sha256")).toHaveText(row.agreementSha256!);
    const link = page.getByRole("link", { name: "Download the agreement report" });
    const res = await page.request.get((await link.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect(res.headers()["x-parallax-sha256"]).toBe(row.agreementSha256);
    const frozen = (await res.json()) as {
      report: { annotators: { id: string }[]; pairs: { exact: { matched: number } }[] };
    };
    expect(frozen.report.annotators.map((a) => a.id).sort()).toEqual([ann.id, bo.id].sort());
    expect(frozen.report.pairs[0]!.exact.matched).toBe(1);
    await page.getByRole("button", { name: "Check the stored file" }).click();
    await expect(page.getByTestId("verification")).toHaveText(
      "The stored file matches its SHA-256. The stored agreement report matches its SHA-256.",
    );
  });
});
