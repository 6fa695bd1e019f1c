import { beforeAll, describe, expect, it } from "vitest";
import { alignArticles, saveAlignmentCorrection } from "@/lib/alignment/store";
import { DEMO_STORY } from "@/lib/demo/newsroom";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { importDocument, importJsonl } from "@/lib/import";
import { searchStories } from "@/lib/stories/search";
import { corpusArticles, toJsonl } from "./corpus";
import { testDb } from "./db";

const db = testDb();
const PREFIX = "search-";
const talks = `${PREFIX}fixture-tidal-talks-2025`;
const dialogue = `${PREFIX}fixture-arctic-lanes-2026`;

beforeAll(async () => {
  await seedDemoNewsroom(db);
  await importJsonl(db, { content: toJsonl(corpusArticles({ prefix: PREFIX })) });
});

describe("searchStories", () => {
  it("finds a Chinese substring and shows where", async () => {
    const result = await searchStories(db, { q: "哥德堡举行" });
    const hit = result.stories.find((s) => s.key === dialogue);
    expect(hit).toBeDefined();
    expect(result.stories.every((s) => s.snippets.length > 0)).toBe(true);
    const snippet = hit!.snippets.find((s) => s.language === "zh-Hans")!;
    expect(snippet.match).toBe("哥德堡举行");
    expect(snippet.field).toBe("text");
    const article = await db.article.findUniqueOrThrow({ where: { id: snippet.articleId } });
    expect([...article.text].slice(snippet.start, snippet.start + 5).join("")).toBe("哥德堡举行");
  });

  it("finds an Arabic substring", async () => {
    const result = await searchStories(db, { q: "كاتيغات" });
    const hit = result.stories.find((s) => s.key === DEMO_STORY.key);
    expect(hit?.snippets.map((s) => s.language)).toEqual(["ar"]);
    expect(result.facets.languages).toEqual([{ value: "ar", count: 1 }]);
  });

  it("searches case-insensitively across languages and titles", async () => {
    const result = await searchStories(db, { q: "GÖTEBORG" });
    const hit = result.stories.find((s) => s.key === talks)!;
    expect(new Set(hit.snippets.map((s) => s.language))).toEqual(new Set(["sv", "fr"]));
    const byTitle = await searchStories(db, { q: "open first Arctic" });
    expect(byTitle.stories.find((s) => s.key === dialogue)?.snippets[0]).toMatchObject({
      field: "title",
      language: "en",
    });
  });

  it("treats % and _ literally", async () => {
    // As wildcards these would match "Göteborg".
    expect((await searchStories(db, { q: "G%teborg" })).total).toBe(0);
    expect((await searchStories(db, { q: "G_teborg" })).total).toBe(0);
    expect((await searchStories(db, { q: "Göteborg" })).total).toBeGreaterThan(0);
  });

  it("filters by language and outlet, with facets counted under the other filters", async () => {
    const fr = await searchStories(db, { q: "Kestrel", languages: ["fr"] });
    expect(fr.stories.map((s) => s.key)).toContain(talks);
    expect(fr.stories.map((s) => s.key)).not.toContain(dialogue);
    // The language facet ignores the language filter itself: the other languages stay choosable.
    expect(fr.facets.languages.map((f) => f.value).sort()).toEqual(["en", "fr", "sv"]);
    const ledger = await searchStories(db, { outlets: ["Harbour Ledger"] });
    expect(ledger.stories.map((s) => s.key)).toContain(dialogue);
    expect(ledger.stories.map((s) => s.key)).not.toContain(talks);
    expect(ledger.facets.outlets.find((f) => f.value === "Harbour Ledger")!.count).toBeGreaterThanOrEqual(1);
  });

  it("filters by annotation status", async () => {
    const doc = await importDocument(db, {
      format: "txt",
      content: "A story nobody has annotated yet, about the harbour of Söderby.",
      language: "sv",
      story: { key: `${PREFIX}unannotated`, title: "Söderby harbour" },
    });
    const status = async (s: "unannotated" | "in_progress" | "reviewed") =>
      (await searchStories(db, { q: "Söderby", status: [s] })).stories.map((x) => x.key);
    expect(await status("unannotated")).toEqual([`${PREFIX}unannotated`]);
    expect(await status("in_progress")).toEqual([]);
    await db.article.update({ where: { id: doc.articleId }, data: { status: "REVIEWED" } });
    expect(await status("reviewed")).toEqual([`${PREFIX}unannotated`]);
    const hit = (await searchStories(db, { q: "Söderby" })).stories[0]!;
    expect(hit.status).toBe("reviewed");
    // The corpus stories have spans: in progress.
    const inProgress = await searchStories(db, { q: "Kestrel", status: ["in_progress"] });
    expect(inProgress.stories.find((s) => s.key === talks)?.status).toBe("in_progress");
  });

  it("paginates stably through every story", async () => {
    const all = await searchStories(db, { pageSize: 100 });
    expect(all.total).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    for (let page = 1; page <= all.total; page++) {
      const result = await searchStories(db, { page, pageSize: 1 });
      expect(result).toMatchObject({ total: all.total, pageCount: all.total, page });
      seen.push(result.stories[0]!.id);
    }
    expect(seen).toEqual(all.stories.map((s) => s.id));
    const past = await searchStories(db, { page: all.total + 1, pageSize: 1 });
    expect(past).toMatchObject({ stories: [], total: all.total });
  });
});

describe("paragraph alignment of stored articles", () => {
  it("aligns, stores an editor's correction in either direction, and removes it", async () => {
    const [sv, fr] = await Promise.all(
      ["sv", "fr"].map((language) =>
        db.article.findFirstOrThrow({ where: { language, story: { key: talks } }, select: { id: true } }),
      ),
    );
    const auto = await alignArticles(db, sv!.id, fr!.id);
    expect(auto.correction).toBeNull();
    expect(auto.beads.filter((b) => b.a.length === 1 && b.b.length === 1)).toHaveLength(8);
    expect(auto.beads.find((b) => b.b[0] === 0)).toMatchObject({ a: [3], source: "auto" });

    // The editor, looking from the French side, pairs French 0 with Swedish 2 and 3.
    const saved = await saveAlignmentCorrection(db, {
      articleAId: fr!.id,
      articleBId: sv!.id,
      pairs: [
        [0, 2],
        [0, 3],
      ],
      actor: { id: null },
    });
    expect(saved.beads.find((b) => b.a[0] === 0)).toEqual({ a: [0], b: [2, 3], source: "editor" });
    const fromSwedish = await alignArticles(db, sv!.id, fr!.id);
    expect(fromSwedish.correction).not.toBeNull();
    expect(fromSwedish.beads.find((b) => b.source === "editor")).toEqual({ a: [2, 3], b: [0], source: "editor" });
    expect(await db.paragraphAlignment.count({ where: { articleAId: { in: [sv!.id, fr!.id] } } })).toBe(1);

    await expect(
      saveAlignmentCorrection(db, { articleAId: sv!.id, articleBId: fr!.id, pairs: [[99, 0]], actor: { id: null } }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await saveAlignmentCorrection(db, { articleAId: sv!.id, articleBId: fr!.id, pairs: [], actor: { id: null } });
    expect((await alignArticles(db, sv!.id, fr!.id)).correction).toBeNull();
  });
});
