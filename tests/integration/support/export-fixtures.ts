/**
 * Test fixtures for the export tests (not product code):
 *
 * - exportTestDatabase: a database of the file's own (created and migrated on
 *   the run's server, dropped after), so whole-database exports see exactly
 *   the fixtures and nothing another test file wrote;
 * - seedUnicodeFixtures: a story written for these tests whose language
 *   versions hold what breaks offset handling (ZWJ emoji, flags, astral CJK,
 *   combining marks composed by NFC and not, Hebrew and Arabic), plus a
 *   deleted span, an orphaned span, an article without spans, overlapping
 *   entities and cells a spreadsheet would run as formulas;
 * - loadCorpusFixture: a test corpus (the fixture corpus unless another
 *   folder is named) with its gold spans, inserted directly, not through the
 *   product importer.
 *
 * Every span goes through SpanValidator before it is stored.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { prepareText } from "@/lib/articles/prepare";
import { seedTaxonomy } from "@/lib/demo/seed";
import { stableUuid } from "@/lib/ids";
import { SpanValidator } from "@/lib/spans/validate";
import { OffsetIndex } from "@/lib/text/code-points";
import { normalizeSnippet } from "@/lib/text/normalize";
import { findQuote, quoteAt } from "@/lib/text/quote";
import { freshDatabase } from "@/scripts/lib/scratch-database";
import { withDatabase } from "@/scripts/lib/postgres-server";
import { FIXTURE_CORPUS_DIR } from "@/tests/support/corpus-dir";

export interface ExportDatabase<T> {
  db: Db;
  url: string;
  fixtures: T;
}

/**
 * A fresh, migrated database for one test file, seeded by `seed`; dropped
 * after the file. Call at the top level of the file; the fields are set once
 * beforeAll has run.
 */
export function exportTestDatabase<T>(purpose: string, seed: (db: Db) => Promise<T>): ExportDatabase<T> {
  const ctx = {} as ExportDatabase<T>;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_ADMIN_DATABASE_URL is not set: run with `npm test -- integration`.");
    const server = {
      adminUrl,
      urlFor: (name: string) => withDatabase(adminUrl, name),
      origin: "external" as const,
      stop: async () => {},
    };
    const fresh = await freshDatabase(server, purpose);
    drop = fresh.drop;
    ctx.url = fresh.url;
    ctx.db = createDb(fresh.url);
    ctx.fixtures = await seed(ctx.db);
  }, 180_000);
  afterAll(async () => {
    await ctx.db?.$disconnect();
    await drop?.();
  });
  return ctx;
}

interface SpanSpec {
  quote: string;
  occurrence?: number;
  kind?: "ENTITY" | "CLAIM";
  label?: string;
  entity?: string;
  claim?: string;
  by?: "alice" | "bob";
  status?: "PENDING" | "APPROVED" | "REJECTED";
  deleted?: boolean;
}

interface ArticleSpec {
  language: string;
  title: string;
  outlet: string;
  url: string | null;
  published: string;
  /** Raw text: normalized (NFC…) on the way in, as the importer does. */
  raw: string;
  spans: SpanSpec[];
}

export const UNICODE_STORY = "export-unicode-fixtures";

const ARTICLES: ArticleSpec[] = [
  {
    language: "en",
    title: "Café reopens in Malmö",
    outlet: "Fixture Times",
    url: "https://example.org/fixtures/cafe-malmo",
    published: "2026-03-01",
    // "Cafe\u0301" and "Zoe\u0308" compose under NFC; "x\u0304" has no composed form and stays two code points.
    raw:
      "Family 👨‍👩‍👧 fans waved 🇸🇪 flags as the Cafe\u0301 Ñandú reopened in Malmö on Friday.\n\n" +
      'The owner, Zoe\u0308 Ångström, said the "new menu" would cut prices by -15%, which the council disputes.\n\n' +
      "=SUM(A1) was painted on the wall as a joke, beside posters of Tsinghua University and the x\u0304 statistic.",
    spans: [
      { quote: "👨‍👩‍👧", label: "MISC", status: "APPROVED" },
      { quote: "🇸🇪", label: "GPE", entity: "sweden", status: "APPROVED" },
      { quote: "Café Ñandú", label: "ORG", entity: "cafe-nandu" },
      { quote: "Malmö", label: "GPE", entity: "malmo", status: "APPROVED" },
      { quote: "Friday", label: "DATE", deleted: true },
      { quote: "Zoë Ångström", label: "PERSON", entity: "zoe-angstrom", status: "APPROVED" },
      { quote: '"new menu" would cut prices by -15%', kind: "CLAIM", label: "CLAIM", claim: "prices-fall-15" },
      { quote: "-15%", label: "MISC", status: "REJECTED" },
      { quote: "=SUM(A1)", label: "MISC" },
      { quote: "Tsinghua University", label: "ORG", entity: "tsinghua-university", status: "APPROVED" },
      { quote: "Tsinghua", label: "ORG" }, // nested in the one above: CoNLL keeps the longer
      { quote: "x\u0304 statistic", label: "MISC", entity: "x-bar" },
    ],
  },
  {
    language: "zh-Hans",
    title: "古文𠀋字展",
    outlet: "夹具日报",
    url: null,
    published: "2026-03-02",
    raw: "古文𠀋字在清华大学展出。访客来自马尔默和耶路撒冷🙂。\n\n展览持续到五月。",
    spans: [
      { quote: "𠀋字", label: "MISC" },
      { quote: "清华大学", label: "ORG", entity: "tsinghua-university", status: "APPROVED" },
      { quote: "清华", label: "ORG" },
      { quote: "马尔默", label: "GPE", entity: "malmo" },
      { quote: "耶路撒冷", label: "GPE", entity: "jerusalem", status: "APPROVED" },
      { quote: "展览持续到五月", kind: "CLAIM", label: "CLAIM", claim: "until-may" },
    ],
  },
  {
    language: "he",
    title: "ראש העיר בירושלים",
    outlet: "עיתון בדיקה",
    url: "https://example.org/fixtures/he",
    published: "2026-03-03",
    raw: "ראש העיר של ירושלים, אורי כהן, אמר כי המחירים ירדו ב-15%.\n\nשָׁלוֹם למבקרים ממאלמו.",
    spans: [
      { quote: "ירושלים", label: "GPE", entity: "jerusalem", by: "bob", status: "APPROVED" },
      { quote: "אורי כהן", label: "PERSON", entity: "ori-cohen", by: "bob" },
      {
        quote: "המחירים ירדו ב-15%",
        kind: "CLAIM",
        label: "CLAIM",
        claim: "prices-fall-15",
        by: "bob",
        status: "APPROVED",
      },
      { quote: "שָׁלוֹם", label: "MISC", by: "bob" },
    ],
  },
  {
    language: "ar",
    title: "عبّارات كاتيغات",
    outlet: "صحيفة الاختبار",
    url: "https://example.org/fixtures/ar",
    published: "2026-03-04",
    raw: "افتتحت عبّارات الشمال خطاً جديداً إلى مالمو 🚢.\n\nقال المدير إن الأسعار ستنخفض بنسبة 15%.",
    spans: [
      { quote: "عبّارات الشمال", label: "ORG", entity: "north-ferries", by: "bob" },
      { quote: "مالمو", label: "GPE", entity: "malmo", by: "bob", status: "APPROVED" },
      { quote: "الأسعار ستنخفض بنسبة 15%", kind: "CLAIM", label: "CLAIM", claim: "prices-fall-15", by: "bob" },
    ],
  },
  {
    language: "fr",
    title: "Pas encore annoté",
    outlet: "Le Gabarit",
    url: null,
    published: "2026-03-05",
    raw: "Aucune annotation ici pour l'instant.",
    spans: [],
  },
];

const ENTITIES: Record<string, { name: string; label: string; qid?: string; keyless?: boolean }> = {
  sweden: { name: "Sweden", label: "GPE", qid: "Q34" },
  "cafe-nandu": { name: "Café Ñandú", label: "ORG" },
  malmo: { name: "Malmö", label: "GPE", qid: "Q2211" },
  "zoe-angstrom": { name: "Zoë Ångström", label: "PERSON" },
  "tsinghua-university": { name: "Tsinghua University", label: "ORG", qid: "Q16955" },
  jerusalem: { name: "Jerusalem", label: "GPE", qid: "Q1218" },
  "ori-cohen": { name: "Ori Cohen", label: "PERSON" },
  "north-ferries": { name: "North Ferries", label: "ORG" },
  // Stored without a key: exports use its id.
  "x-bar": { name: "x̄ statistic", label: "MISC", keyless: true },
};

const CLAIMS: Record<string, { statement: string; verdict: string | null; claimant?: string; keyless?: boolean }> = {
  "prices-fall-15": {
    statement: "Prices at the café will fall by 15 percent.",
    verdict: "FALSE",
    claimant: "zoe-angstrom",
  },
  "until-may": { statement: "The exhibition runs until May.", verdict: "TRUE", keyless: true },
};

export interface UnicodeFixtures {
  storyId: string;
  articles: Record<string, { id: string; text: string }>;
  users: { alice: { id: string; email: string }; bob: { id: string; email: string } };
  /** Ids of entities and claims by fixture key (some are stored without a key). */
  entityIds: Record<string, string>;
  claimIds: Record<string, string>;
  deletedSpanId: string;
  orphanedSpanId: string;
}

/** The demo newsroom's taxonomy plus the Unicode story. Idempotence is not needed: each file has its own database. */
export async function seedUnicodeFixtures(db: Db): Promise<UnicodeFixtures> {
  await seedTaxonomy(db);
  const labels = new Map((await db.label.findMany()).map((l) => [l.key, l.id]));
  const verdicts = new Map((await db.verdictRating.findMany()).map((v) => [v.key, v.id]));
  const alice = await db.user.create({
    data: { email: "alice@fixtures.test", name: "Alice Annotator", role: "EDITOR" },
  });
  const bob = await db.user.create({ data: { email: "bob@fixtures.test", name: "Bob Reviewer", role: "EDITOR" } });
  const story = await db.story.create({ data: { key: UNICODE_STORY, title: "Unicode fixtures" } });

  const entityIds: Record<string, string> = {};
  for (const [key, e] of Object.entries(ENTITIES)) {
    const existing = e.keyless ? null : await db.entity.findUnique({ where: { key } });
    entityIds[key] =
      existing?.id ??
      (
        await db.entity.create({
          data: {
            key: e.keyless ? null : key,
            name: e.name,
            labelId: labels.get(e.label)!,
            wikidataQid: e.qid ?? null,
          },
        })
      ).id;
  }
  const claimIds: Record<string, string> = {};
  for (const [key, c] of Object.entries(CLAIMS)) {
    claimIds[key] = (
      await db.claim.create({
        data: {
          key: c.keyless ? null : key,
          storyId: story.id,
          statement: c.statement,
          verdictId: c.verdict ? verdicts.get(c.verdict)! : null,
          claimantId: c.claimant ? entityIds[c.claimant]! : null,
          claimDate: new Date("2026-02-27T00:00:00Z"),
          evidenceUrls: ["https://example.org/fixtures/evidence"],
          note: 'The council\'s "budget" says otherwise.',
        },
      })
    ).id;
  }

  const articles: UnicodeFixtures["articles"] = {};
  let deletedSpanId = "";
  for (const spec of ARTICLES) {
    const prepared = prepareText(spec.raw);
    const article = await db.article.create({
      data: {
        storyId: story.id,
        externalId: `fixture-${spec.language}`,
        language: spec.language,
        title: spec.title,
        outlet: spec.outlet,
        author: "Fixture Author",
        url: spec.url,
        publishedAt: new Date(`${spec.published}T00:00:00Z`),
        text: prepared.text,
        length: prepared.length,
        contentHash: prepared.contentHash,
        revisions: { create: { revision: 1, text: prepared.text, contentHash: prepared.contentHash } },
      },
    });
    articles[spec.language] = { id: article.id, text: prepared.text };
    const index = new OffsetIndex(prepared.text);
    const validator = new SpanValidator(prepared.text);
    for (const [i, s] of spec.spans.entries()) {
      const quote = normalizeSnippet(s.quote);
      const found = findQuote(index, quote, s.occurrence ?? 0);
      if (!found) throw new Error(`fixture quote not found in ${spec.language}: ${quote}`);
      const problem = validator.check(found.start, found.end, found.quote);
      if (problem) throw new Error(`fixture span ${quote}: ${problem.message}`);
      const user = s.by === "bob" ? bob : alice;
      const day = s.by === "bob" ? "2026-03-15" : "2026-03-01";
      const id = stableUuid(`export-fixture:${spec.language}:${i}`);
      await db.span.create({
        data: {
          id,
          articleId: article.id,
          revision: 1,
          ...found,
          kind: s.kind ?? "ENTITY",
          labelId: s.label ? labels.get(s.label)! : null,
          entityId: s.entity ? entityIds[s.entity]! : null,
          claimId: s.claim ? claimIds[s.claim]! : null,
          reviewStatus: s.status ?? "PENDING",
          source: "MANUAL",
          createdById: user.id,
          updatedById: user.id,
          createdAt: new Date(`${day}T10:00:00.000Z`),
          updatedAt: new Date(`${day}T12:00:00.000Z`),
          deletedAt: s.deleted ? new Date("2026-03-20T00:00:00Z") : null,
        },
      });
      if (s.deleted) deletedSpanId = id;
    }
  }

  // A Swedish version whose text was edited after annotation: its only span
  // could not be placed in revision 2 and stays on revision 1, orphaned.
  const v1 = prepareText("Hamnen i Malmö öppnade i går.");
  const v2 = prepareText("Hamnen öppnade i går, enligt kommunen.");
  const sv = await db.article.create({
    data: {
      storyId: story.id,
      externalId: "fixture-sv",
      language: "sv",
      title: "Hamnen öppnade",
      outlet: "Fixturbladet",
      publishedAt: new Date("2026-03-06T00:00:00Z"),
      text: v2.text,
      length: v2.length,
      contentHash: v2.contentHash,
      revision: 2,
      status: "IN_PROGRESS",
      revisions: {
        create: [
          { revision: 1, text: v1.text, contentHash: v1.contentHash },
          { revision: 2, text: v2.text, contentHash: v2.contentHash },
        ],
      },
    },
  });
  articles.sv = { id: sv.id, text: v2.text };
  const old = quoteAt(new OffsetIndex(v1.text), 9, 14); // "Malmö" in revision 1
  const orphanedSpanId = stableUuid("export-fixture:sv:orphan");
  await db.span.create({
    data: {
      id: orphanedSpanId,
      articleId: sv.id,
      revision: 1,
      ...old,
      kind: "ENTITY",
      labelId: labels.get("GPE")!,
      entityId: entityIds.malmo!,
      orphaned: true,
      version: 2,
      createdById: alice.id,
      updatedById: alice.id,
      createdAt: new Date("2026-03-01T10:00:00.000Z"),
      updatedAt: new Date("2026-03-07T10:00:00.000Z"),
    },
  });

  return {
    storyId: story.id,
    articles,
    users: { alice: { id: alice.id, email: alice.email }, bob: { id: bob.id, email: bob.email } },
    entityIds,
    claimIds,
    deletedSpanId,
    orphanedSpanId,
  };
}

interface CorpusArticle {
  external_id: string;
  story?: string;
  language: string;
  title?: string | null;
  outlet?: string | null;
  author?: string | null;
  url?: string | null;
  published?: string | null;
  text: string;
}

interface GoldSpan {
  start: number;
  end: number;
  text: string;
  kind: "entity" | "claim";
  label?: string;
  entity?: string;
  claim?: string;
}

/**
 * Loads a corpus folder (articles and gold spans) as the importer would:
 * text normalized, span offsets carried through the normalization and
 * validated. Returns the number of articles and spans stored.
 */
export async function loadCorpusFixture(
  db: Db,
  dir = FIXTURE_CORPUS_DIR,
): Promise<{ articles: number; spans: number }> {
  await seedTaxonomy(db);
  const labels = new Map((await db.label.findMany()).map((l) => [l.key, l.id]));
  const lines = (file: string) =>
    readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as unknown);
  const gold = new Map(
    (lines("gold-spans.jsonl") as { external_id: string; spans: GoldSpan[] }[]).map((g) => [g.external_id, g.spans]),
  );
  let spans = 0;
  let articles = 0;
  for (const a of lines("articles.jsonl") as CorpusArticle[]) {
    const storyKey = a.story ?? a.external_id;
    const story =
      (await db.story.findUnique({ where: { key: storyKey } })) ??
      (await db.story.create({ data: { key: storyKey, title: a.title ?? storyKey } }));
    const prepared = prepareText(a.text);
    const article = await db.article.create({
      data: {
        storyId: story.id,
        externalId: a.external_id,
        language: a.language,
        title: a.title ?? null,
        outlet: a.outlet ?? null,
        author: a.author ?? null,
        url: a.url ?? null,
        publishedAt: a.published ? new Date(`${a.published}T00:00:00Z`) : null,
        text: prepared.text,
        length: prepared.length,
        contentHash: prepared.contentHash,
        status: "IN_PROGRESS",
        revisions: { create: { revision: 1, text: prepared.text, contentHash: prepared.contentHash } },
      },
    });
    articles++;
    const validator = new SpanValidator(prepared.text);
    for (const [i, g] of (gold.get(a.external_id) ?? []).entries()) {
      const start = prepared.mapOffset(g.start, "start");
      const end = prepared.mapOffset(g.end, "end");
      const quote = validator.index.slice(start, end);
      if (quote !== normalizeSnippet(g.text))
        throw new Error(`corpus span ${a.external_id}#${i} does not match its text`);
      const problem = validator.check(start, end, quote);
      if (problem) throw new Error(`corpus span ${a.external_id}#${i}: ${problem.message}`);
      let entityId: string | null = null;
      let claimId: string | null = null;
      const labelKey = g.kind === "claim" ? "CLAIM" : g.label!;
      if (g.entity) {
        const entity =
          (await db.entity.findUnique({ where: { key: g.entity } })) ??
          (await db.entity.create({ data: { key: g.entity, name: quote, labelId: labels.get(labelKey)! } }));
        entityId = entity.id;
        await db.entityAlias.createMany({
          data: [{ entityId, language: a.language, alias: quote }],
          skipDuplicates: true,
        });
      }
      if (g.claim) {
        const claim =
          (await db.claim.findUnique({ where: { key: g.claim } })) ??
          (await db.claim.create({ data: { key: g.claim, statement: quote, storyId: story.id } }));
        claimId = claim.id;
      }
      await db.span.create({
        data: {
          id: stableUuid(`corpus-fixture:${a.external_id}:${i}`),
          articleId: article.id,
          revision: 1,
          ...quoteAt(validator.index, start, end),
          kind: g.kind === "claim" ? "CLAIM" : "ENTITY",
          labelId: labels.get(labelKey)!,
          entityId,
          claimId,
          reviewStatus: "APPROVED",
          source: "IMPORT",
        },
      });
      spans++;
    }
  }
  return { articles, spans };
}
