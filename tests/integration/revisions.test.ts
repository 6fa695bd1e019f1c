import { beforeAll, describe, expect, it } from "vitest";
import { importJsonl } from "@/lib/import";
import { reviseArticle } from "@/lib/revisions/revise";
import { sliceCodePoints } from "@/lib/text/code-points";
import { corpusArticles, toJsonl } from "./corpus";
import { testDb } from "./db";

const db = testDb();
const articles = corpusArticles({ prefix: "rev-" });
const swedish = articles.find((a) => a.language === "sv")!;

/** The Swedish article's paragraphs (one per non-blank line). */
const paragraphs = swedish.text.split("\n").filter((l) => l.trim());
const gothenburg = paragraphs.findIndex((p) => p.includes("hölls samtalen i Göteborg"));
const participants = paragraphs.findIndex((p) => p.startsWith("Deltagare uppger"));

describe("article revisions", () => {
  let articleId = "";
  beforeAll(async () => {
    await importJsonl(db, { content: toJsonl(articles) });
    articleId = (await db.article.findUniqueOrThrow({ where: { externalId: swedish.external_id } })).id;
  });

  it("carries spans to the new text: moved ones found, deleted ones kept and flagged", async () => {
    const before = await db.span.findMany({ where: { articleId } });
    // Move the Gothenburg paragraph to the end of the body (before the newsletter footer) and delete
    // the "Deltagare" one (the only Swedish mention of Nordhav Energi, Brisant Marine, Tidewright Labs and Océanis).
    expect([gothenburg, participants]).toEqual([4, 6]);
    const moved = paragraphs[gothenburg]!;
    const edited = paragraphs.filter((_, i) => i !== gothenburg && i !== participants);
    edited.splice(9, 0, moved);
    const newText = edited.join("\n\n");

    const result = await reviseArticle(db, articleId, newText, {
      actor: { id: null },
      note: "Editor's fix",
      expectedRevision: 1,
    });
    expect(result).toMatchObject({ changed: true, revision: 2 });
    expect(result.spans.orphaned.map((o) => o.quote).sort()).toEqual([
      "Brisant Marine",
      "Nordhav Energi",
      "Océanis",
      "Tidewright Labs",
    ]);

    const article = await db.article.findUniqueOrThrow({
      where: { id: articleId },
      include: { spans: true, revisions: { orderBy: { revision: "asc" } } },
    });
    expect(article).toMatchObject({ text: newText, revision: 2, length: [...newText].length });
    expect(article.revisions.map((r) => [r.revision, r.text, r.note])).toEqual([
      [1, swedish.text, "Imported (line 1)"],
      [2, newText, "Editor's fix"],
    ]);
    // Nothing dropped.
    expect(article.spans.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
    for (const span of article.spans) {
      if (span.orphaned) {
        const old = before.find((s) => s.id === span.id)!;
        expect(span).toMatchObject({ revision: 1, start: old.start, end: old.end, quote: old.quote, deletedAt: null });
        expect(sliceCodePoints(swedish.text, span.start, span.end)).toBe(span.quote);
      } else {
        expect(span.revision).toBe(2);
        expect(sliceCodePoints(newText, span.start, span.end)).toBe(span.quote);
      }
    }
    const citySpan = article.spans.find((s) => s.quote === "Göteborg")!;
    const oldCity = before.find((s) => s.id === citySpan.id)!;
    expect(citySpan.start).toBeGreaterThan(oldCity.start + 500);
    expect(citySpan.prefix.endsWith("hölls samtalen i ")).toBe(true);
    expect(citySpan.version).toBe(oldCity.version + 1);

    // Every carried span has its history entry.
    const history = await db.spanRevision.findMany({
      where: { spanId: { in: before.map((s) => s.id) }, action: "UPDATE" },
    });
    expect(history).toHaveLength(before.length);
    expect(history.find((h) => h.spanId === citySpan.id)).toMatchObject({
      version: 2,
      before: expect.objectContaining({ start: oldCity.start, revision: 1 }),
      after: expect.objectContaining({ start: citySpan.start, revision: 2, method: "context" }),
    });
  });

  it("refuses a revision based on an outdated one", async () => {
    await expect(
      reviseArticle(db, articleId, "Anything.", { actor: { id: null }, expectedRevision: 1 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("writes nothing when the new text normalizes to the current one", async () => {
    const current = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    const result = await reviseArticle(db, articleId, current.text.replace(/\n/g, "\r\n"), { actor: { id: null } });
    expect(result).toMatchObject({ changed: false, revision: 2 });
  });

  it("re-importing the original text goes through a revision and places the orphaned spans again", async () => {
    const report = await importJsonl(db, { content: toJsonl([swedish]) });
    expect(report).toMatchObject({ updated: 1, revisions: 1, orphanedSpans: 0, spans: 0, rejected: [] });
    const article = await db.article.findUniqueOrThrow({ where: { id: articleId }, include: { spans: true } });
    expect(article).toMatchObject({ revision: 3, text: swedish.text });
    expect(article.spans).toHaveLength(swedish.spans!.length);
    for (const span of article.spans) {
      expect(span).toMatchObject({ orphaned: false, revision: 3 });
      expect(sliceCodePoints(article.text, span.start, span.end)).toBe(span.quote);
    }
    // The gold spans of the line are the spans already there: none added twice.
    const gold = new Set(swedish.spans!.map((s) => `${s.start}:${s.end}`));
    expect(new Set(article.spans.map((s) => `${s.start}:${s.end}`))).toEqual(gold);
  });

  it("re-importing changed text reports spans it could not place", async () => {
    const changed = { ...swedish, text: swedish.text.replace("Kestrel University", "ett universitet"), spans: [] };
    const report = await importJsonl(db, { content: toJsonl([changed]) });
    expect(report).toMatchObject({ updated: 1, revisions: 1, orphanedSpans: 1 });
    expect(report.warnings[0]!.message).toMatch(/1 span\(s\) could not be placed.*"Kestrel University"/);
    const orphan = await db.span.findFirstOrThrow({ where: { articleId, quote: "Kestrel University" } });
    expect(orphan).toMatchObject({ orphaned: true, revision: 3 });
  });
});
