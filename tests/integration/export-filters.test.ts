/**
 * Selection: every filter criterion, the preview's counts against the
 * database and against what an export writes, progress, and refusal of bad
 * filters and of data that does not match its offsets.
 */
import { describe, expect, it } from "vitest";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { ExportFilterError, InconsistentSpanError } from "@/lib/export/errors";
import { previewExport, type ExportProgress } from "@/lib/export";
import { exportBytes } from "./support/export-helpers";
import { seedUnicodeFixtures, UNICODE_STORY, exportTestDatabase } from "./support/export-fixtures";

const ctx = exportTestDatabase("export_filters", async (db) => {
  await seedDemoNewsroom(db);
  return seedUnicodeFixtures(db);
});

type Line = { id: string; language: string; story: string; spans: { id: string; label: string; kind: string }[] };

async function jsonl(filter: unknown): Promise<Line[]> {
  const { text } = await exportBytes(ctx.db, ctx.url, "jsonl", filter);
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

/** Ids of the live spans matching `where`, from the database. */
async function spanIds(
  where: Parameters<typeof ctx.db.span.findMany>[0] extends infer A
    ? A extends { where?: infer W }
      ? W
      : never
    : never,
) {
  const spans = await ctx.db.span.findMany({ where: { deletedAt: null, ...where }, select: { id: true } });
  return spans.map((s) => s.id).sort();
}

const exportedSpanIds = (lines: Line[]) => lines.flatMap((l) => l.spans.map((s) => s.id)).sort();

describe("filters", () => {
  it("select stories and languages (articles without spans included)", async () => {
    const lines = await jsonl({ stories: [UNICODE_STORY], languages: ["fr", "he"] });
    expect(lines.map((l) => l.language)).toEqual(["fr", "he"]);
    expect(lines[0]!.spans).toEqual([]);
    expect(exportedSpanIds(lines)).toEqual(await spanIds({ articleId: ctx.fixtures.articles.he!.id }));
  });

  it("select labels and kinds, and then only articles that have such spans", async () => {
    const persons = await jsonl({ labels: ["PERSON"] });
    expect(persons.every((l) => l.spans.length > 0 && l.spans.every((s) => s.label === "PERSON"))).toBe(true);
    expect(exportedSpanIds(persons)).toEqual(await spanIds({ label: { key: "PERSON" } }));

    const claims = await jsonl({ kinds: ["claim"] });
    expect(exportedSpanIds(claims)).toEqual(await spanIds({ kind: "CLAIM" }));
    expect(claims.flatMap((l) => l.spans).every((s) => s.kind === "claim")).toBe(true);
  });

  it("select annotators by e-mail or id, and review status", async () => {
    const { alice, bob } = ctx.fixtures.users;
    const byBob = await jsonl({ annotators: ["BOB@fixtures.test"] });
    expect(exportedSpanIds(byBob)).toEqual(await spanIds({ createdById: bob.id }));
    expect(byBob.map((l) => l.language).sort()).toEqual(["ar", "he"]);
    expect(exportedSpanIds(await jsonl({ annotators: [alice.id] }))).toEqual(await spanIds({ createdById: alice.id }));

    const approved = await jsonl({ reviewStatuses: ["APPROVED"], stories: [UNICODE_STORY] });
    expect(exportedSpanIds(approved)).toEqual(
      await spanIds({ reviewStatus: "APPROVED", article: { story: { key: UNICODE_STORY } } }),
    );
  });

  it("select date ranges: whole UTC days, `to` included", async () => {
    const { alice, bob } = ctx.fixtures.users;
    const story = { stories: [UNICODE_STORY] };
    const inStory = { article: { story: { key: UNICODE_STORY } } };
    // Alice's spans were created 2026-03-01T10:00Z, Bob's 2026-03-15T10:00Z (the demo's: today).
    expect(exportedSpanIds(await jsonl({ ...story, created: { to: "2026-03-01" } }))).toEqual(
      await spanIds({ ...inStory, createdById: alice.id }),
    );
    expect(exportedSpanIds(await jsonl({ ...story, created: { from: "2026-03-02" } }))).toEqual(
      await spanIds({ ...inStory, createdById: bob.id }),
    );
    expect(exportedSpanIds(await jsonl({ created: { from: "2026-03-01T10:00:00.001Z", to: "2026-03-14" } }))).toEqual(
      [],
    );
    expect(
      exportedSpanIds(await jsonl({ updated: { from: "2026-03-15T12:00:00Z", to: "2026-03-15T12:00:00Z" } })),
    ).toEqual(await spanIds({ createdById: bob.id }));
    const published = await jsonl({ ...story, published: { from: "2026-03-02", to: "2026-03-03" } });
    expect(published.map((l) => l.language)).toEqual(["he", "zh-Hans"]);
  });

  it("select outlets", async () => {
    const lines = await jsonl({ outlets: ["Fixture Times", "The Harbour Ledger"] });
    expect(lines.map((l) => `${l.story}/${l.language}`)).toEqual([`${UNICODE_STORY}/en`, "varnhamn-shore-power/en"]);
  });

  it("never export deleted spans", async () => {
    for (const format of ["jsonl", "webanno", "csv"]) {
      const { text } = await exportBytes(ctx.db, ctx.url, format);
      expect(text).not.toContain(ctx.fixtures.deletedSpanId);
    }
    expect(await ctx.db.span.count({ where: { id: ctx.fixtures.deletedSpanId } })).toBe(1);
  });

  it("refuse bad filters with every reason, before any byte", async () => {
    await expect(
      exportBytes(ctx.db, ctx.url, "jsonl", { stories: ["nope", UNICODE_STORY], labels: ["NOPE"] }),
    ).rejects.toThrow(/unknown stories: nope; unknown labels: NOPE/);
    await expect(exportBytes(ctx.db, ctx.url, "jsonl", { annotators: ["ghost@fixtures.test"] })).rejects.toThrow(
      ExportFilterError,
    );
    await expect(exportBytes(ctx.db, ctx.url, "jsonl", { includeDeleted: true })).rejects.toThrow(ExportFilterError);
    await expect(exportBytes(ctx.db, ctx.url, "xml")).rejects.toThrow(/Unknown export format "xml"/);
  });
});

describe("preview", () => {
  it("counts what the database holds", async () => {
    const { counts } = await previewExport(ctx.db, { stories: [UNICODE_STORY] });
    const live = { deletedAt: null, article: { story: { key: UNICODE_STORY } } };
    expect(counts.articles).toBe(await ctx.db.article.count({ where: { story: { key: UNICODE_STORY } } }));
    expect(counts.spans.total).toBe(await ctx.db.span.count({ where: live }));
    expect(counts.spans.byKind).toEqual({
      entity: await ctx.db.span.count({ where: { ...live, kind: "ENTITY" } }),
      claim: await ctx.db.span.count({ where: { ...live, kind: "CLAIM" } }),
    });
    expect(counts.spans.byLabel.GPE).toBe(await ctx.db.span.count({ where: { ...live, label: { key: "GPE" } } }));
    expect(counts.spans.orphaned).toBe(1);
    const linked = await ctx.db.span.findMany({ where: live, select: { entityId: true, claimId: true } });
    expect(counts.entities).toBe(new Set(linked.map((s) => s.entityId).filter(Boolean)).size);
    expect(counts.claims).toBe(new Set(linked.map((s) => s.claimId).filter(Boolean)).size);
    expect(counts.claimReviews).toBe(2);
  });

  it.each(["jsonl", "webanno", "claimreview", "conll", "csv"])("matches what %s writes", async (format) => {
    const filter = { languages: ["en", "he", "sv", "fr"], reviewStatuses: ["APPROVED", "PENDING"] };
    const { counts } = await previewExport(ctx.db, filter, { format });
    const { result } = await exportBytes(ctx.db, ctx.url, format, filter);
    expect(result.counts).toEqual(counts);
  });
});

describe("progress", () => {
  it("reports totals first and reaches them at the end", async () => {
    const reports: ExportProgress[] = [];
    const { result } = await exportBytes(
      ctx.db,
      ctx.url,
      "jsonl",
      {},
      {
        batch: { articles: 1, spans: 2 },
        progressIntervalMs: 0,
        onProgress: (p) => reports.push(p),
      },
    );
    expect(reports.length).toBeGreaterThan(10);
    expect(reports[0]).toMatchObject({
      unit: "spans",
      done: 0,
      total: result.counts.spans.total,
      articlesTotal: result.counts.articles,
    });
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]!.done).toBeGreaterThanOrEqual(reports[i - 1]!.done);
      expect(reports[i]!.bytes).toBeGreaterThanOrEqual(reports[i - 1]!.bytes);
    }
    expect(reports.at(-1)).toMatchObject({
      done: result.counts.spans.total,
      articlesDone: result.counts.articles,
      bytes: result.bytes,
    });
  });
});

describe("integrity", () => {
  it("stops rather than write a span whose quote is not its text", async () => {
    const span = await ctx.db.span.findFirstOrThrow({
      where: { article: { language: "zh-Hans", story: { key: UNICODE_STORY } }, deletedAt: null },
    });
    await ctx.db.$executeRaw`UPDATE "Span" SET quote = 'tampered' WHERE id = ${span.id}::uuid`;
    try {
      await expect(exportBytes(ctx.db, ctx.url, "csv")).rejects.toThrow(InconsistentSpanError);
    } finally {
      await ctx.db.$executeRaw`UPDATE "Span" SET quote = ${span.quote} WHERE id = ${span.id}::uuid`;
    }
    await expect(exportBytes(ctx.db, ctx.url, "csv")).resolves.toBeTruthy();
  });
});

describe("stopping", () => {
  it("releases its connection when aborted midway", async () => {
    const controller = new AbortController();
    await expect(
      exportBytes(
        ctx.db,
        ctx.url,
        "jsonl",
        {},
        {
          batch: { articles: 1, spans: 1 },
          progressIntervalMs: 0,
          signal: controller.signal,
          onProgress: (p) => p.done > 3 && controller.abort(),
        },
      ),
    ).rejects.toThrow(/abort/i);
    const open = async () =>
      (
        await ctx.db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE application_name = 'parallax-export' AND datname = current_database()`
      )[0]!.n;
    // The connection closes as the aborted stream unwinds, shortly after the rejection.
    await expect.poll(open, { timeout: 5_000, interval: 100 }).toBe(0);
  });
});
