import { describe, expect, it } from "vitest";
import { DEMO_STORY } from "@/lib/demo/newsroom";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { checkHealth } from "@/lib/system/health";
import { sliceCodePoints } from "@/lib/text/code-points";
import { testDb } from "./db";

const db = testDb();

describe("demo seed", () => {
  it("creates the story once and adds nothing on a second run", async () => {
    await seedDemoNewsroom(db);
    const counts = async () => ({
      stories: await db.story.count(),
      articles: await db.article.count(),
      spans: await db.span.count(),
      entities: await db.entity.count(),
      claims: await db.claim.count(),
      history: await db.spanRevision.count(),
      labels: await db.label.count(),
    });
    const first = await counts();
    const again = await seedDemoNewsroom(db);
    expect(again).toEqual({ storyCreated: false, articlesCreated: 0, spansCreated: 0 });
    expect(await counts()).toEqual(first);
    // Other test files share the database: count the demo's own articles.
    expect(await db.article.count({ where: { story: { key: DEMO_STORY.key } } })).toBe(5);
  });

  it("stores spans whose quote is the text at their code-point offsets", async () => {
    // Orphaned spans (flagged by a revision) keep the offsets of an older text.
    const spans = await db.span.findMany({
      where: { orphaned: false },
      include: { article: { select: { text: true, language: true } } },
    });
    expect(spans.length).toBeGreaterThan(20);
    for (const span of spans) {
      expect(sliceCodePoints(span.article.text, span.start, span.end)).toBe(span.quote);
    }
    const demo = await db.span.findMany({
      where: { article: { story: { key: DEMO_STORY.key } } },
      select: { article: { select: { language: true } } },
    });
    expect(new Set(demo.map((s) => s.article.language))).toEqual(new Set(["en", "sv", "fr", "zh-Hans", "ar"]));
  });

  it("links one entity across all five languages", async () => {
    const kiel = await db.entity.findUniqueOrThrow({
      where: { key: "kiel" },
      include: { spans: { include: { article: true } } },
    });
    expect(new Set(kiel.spans.map((s) => s.article.language)).size).toBe(5);
  });
});

describe("health", () => {
  it("reports database and migrations as ok on a migrated database", async () => {
    const report = await checkHealth(db);
    expect(report.database.ok).toBe(true);
    expect(report.migrations).toMatchObject({ ok: true, pending: [], failed: [] });
    expect(report.migrations.applied).toBeGreaterThan(0);
    expect(report.status).toBe("ok");
  });
});

describe("audit log", () => {
  it("refuses updates and deletes", async () => {
    const event = await db.auditEvent.create({ data: { action: "test.append_only" } });
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "changed" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
  });
});
