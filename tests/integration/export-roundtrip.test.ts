/**
 * Parallax JSONL is lossless: exported from one newsroom and imported into
 * another that has none of its users, it exports again field for field — and
 * so does the ClaimReview feed, whose dates are the claims' own times. The
 * comparison is Python's (tests/python/check_export.py --same-as), not the
 * writer's.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { seedTaxonomy } from "@/lib/demo/seed";
import { importJsonl } from "@/lib/import";
import { exportBytes, scratchDir } from "./support/export-helpers";
import { exportTestDatabase, seedUnicodeFixtures } from "./support/export-fixtures";

const PYTHON_CHECK = path.resolve(import.meta.dirname, "../python/check_export.py");
const run = promisify(execFile);
const dir = scratchDir("parallax-roundtrip");

const CREATED = "2026-02-28T09:15:00.123Z";
const UPDATED = "2026-03-02T16:30:00.456Z";

/** An article whose spans begin with white space (a tab, a no-break space), imported by one of the source's users. */
const TEXT = "Delegates met.\tHarbour Council members and\u00a0Harbour Council staff agreed.";
const cp = (s: string) => [...s].length;
function span(quote: string, n = 0) {
  let at = -1;
  for (let i = 0; i <= n; i++) at = TEXT.indexOf(quote, at + 1);
  const start = cp(TEXT.slice(0, at));
  return { start, end: start + cp(quote), text: quote };
}

const source = exportTestDatabase("export_roundtrip_source", async (db) => {
  const fixtures = await seedUnicodeFixtures(db);
  const report = await importJsonl(
    db,
    {
      content: JSON.stringify({
        external_id: "roundtrip-whitespace",
        story: "roundtrip-whitespace",
        language: "en",
        text: TEXT,
        spans: [
          { ...span("\tHarbour Council"), kind: "entity", label: "ORG", entity: "harbour-council" },
          { ...span("\u00a0Harbour Council"), kind: "entity", label: "ORG", entity: "harbour-council" },
        ].map((s) => ({ ...s, created_by: fixtures.users.bob.email, updated_by: fixtures.users.alice.email })),
      }),
    },
    { actor: { id: fixtures.users.alice.id } },
  );
  if (report.rejected.length) throw new Error(`fixture rejected: ${JSON.stringify(report.rejected)}`);
  // Claims made and last changed at times of their own, not the moment of export.
  await db.$executeRaw`UPDATE "Claim" SET "createdAt" = ${new Date(CREATED)}, "updatedAt" = ${new Date(UPDATED)}`;
  // The entities already know every placed quote as an alias, as an import would teach them.
  const spans = await db.span.findMany({
    where: { deletedAt: null, orphaned: false, entityId: { not: null } },
    select: { entityId: true, quote: true, article: { select: { language: true } } },
  });
  await db.entityAlias.createMany({
    data: spans.map((s) => ({ entityId: s.entityId!, language: s.article.language, alias: s.quote.trim() })),
    skipDuplicates: true,
  });
  return fixtures;
});

const target = exportTestDatabase("export_roundtrip_target", async (db) => {
  await seedTaxonomy(db);
  const importer = await db.user.create({
    data: { email: "importer@target.test", name: "Target Importer", role: "ADMIN" },
  });
  return { importer };
});

const options = { siteUrl: "https://parallax.example.org", organization: { name: "Round Trip Desk" } };

async function exportTo(ctx: { db: typeof source.db; url: string }, format: string, name: string) {
  const { text } = await exportBytes(ctx.db, ctx.url, format, {}, options);
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { file, text };
}

describe("a Parallax JSONL export imported into a newsroom without its users", () => {
  it("exports again field for field: claim times, span attribution, trimmed aliases", async () => {
    const before = await exportTo(source, "jsonl", "source.jsonl");
    const beforeReviews = await exportTo(source, "claimreview", "source.claimreview.jsonld");

    const report = await importJsonl(target.db, { path: before.file }, { actor: { id: target.fixtures.importer.id } });
    expect(report).toMatchObject({ rejected: [], imported: before.text.trim().split("\n").length });

    const after = await exportTo(target, "jsonl", "target.jsonl");
    const afterReviews = await exportTo(target, "claimreview", "target.claimreview.jsonld");
    const result = await run("python3", [
      PYTHON_CHECK,
      "--jsonl",
      after.file,
      "--same-as",
      before.file,
      "--claimreview",
      afterReviews.file,
      "--same-claimreview",
      beforeReviews.file,
    ]).catch((error: { stderr?: string }) => {
      throw new Error(`python check failed:\n${error.stderr}`);
    });
    const summary = JSON.parse(result.stdout) as { compared: number; reviews: number };
    expect(summary.compared).toBe(report.imported);
    expect(summary.reviews).toBeGreaterThan(0);

    // What the comparison is about, seen from here too.
    const lines = after.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const claims = lines.flatMap((l) => l.claims as { created_at: string; updated_at: string }[]);
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) expect([c.created_at, c.updated_at]).toEqual([CREATED, UPDATED]);
    const reviews = JSON.parse(afterReviews.text).dataFeedElement as { datePublished: string; dateModified: string }[];
    expect(reviews.map((r) => [r.datePublished, r.dateModified])).toEqual(reviews.map(() => ["2026-02-28", UPDATED]));
    const spans = lines.flatMap((l) => l.spans as { created_by: string | null; updated_by: string | null }[]);
    const { alice, bob } = source.fixtures.users;
    expect(new Set(spans.map((s) => s.created_by))).toEqual(new Set([alice.email, bob.email]));
    expect(spans.map((s) => s.updated_by)).not.toContain("importer@target.test");
    // The attribution is kept as given, not pinned on someone who has an account here.
    const stored = await target.db.span.findMany({ select: { createdById: true, createdByEmail: true } });
    expect(stored.every((s) => s.createdById === null && s.createdByEmail)).toBe(true);
    const aliases = await target.db.entityAlias.findMany({ where: { entity: { key: "harbour-council" } } });
    expect(aliases.map((a) => a.alias)).toEqual(["Harbour Council"]);
  });
});
