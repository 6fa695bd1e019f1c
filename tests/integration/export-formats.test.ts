/**
 * Every export format against its spec (docs/formats.md), on the demo
 * newsroom, the Unicode fixtures and the fixture corpus with its gold spans:
 * each output parses, carries the required fields, and every span's quote is
 * the article text at its code-point offsets — checked here and in Python.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { compareCodePoints } from "@/lib/export/filter";
import { CSV_COLUMNS, unprotectCsvCell } from "@/lib/export/formats/csv";
import { resolveOverlaps } from "@/lib/export/tokenize";
import { exportBytes, parseCsv, scratchDir, slice } from "./support/export-helpers";
import { loadCorpusFixture, seedUnicodeFixtures, UNICODE_STORY, exportTestDatabase } from "./support/export-fixtures";

const ctx = exportTestDatabase("export_formats", async (db) => {
  await seedDemoNewsroom(db);
  const unicode = await seedUnicodeFixtures(db);
  const corpus = await loadCorpusFixture(db);
  return { unicode, corpus };
});

const run = promisify(execFile);
const dir = scratchDir("parallax-export");
const PYTHON_CHECK = path.resolve(import.meta.dirname, "../python/check_export.py");

/** The spans an export must contain, straight from the database. */
async function storedSpans(where: { placedOnly: boolean }) {
  const spans = await ctx.db.span.findMany({
    where: { deletedAt: null },
    include: {
      article: { include: { story: true } },
      label: true,
      entity: true,
      claim: { include: { verdict: true } },
    },
  });
  return spans.filter((s) => !where.placedOnly || (!s.orphaned && s.revision === s.article.revision));
}

type JsonlSpan = Record<string, unknown> & { id: string; start: number; end: number; text: string };
type JsonlLine = {
  id: string;
  story: string;
  language: string;
  text: string;
  revision: number;
  content_hash: string;
  spans: JsonlSpan[];
  entities: { key: string; id: string; wikidata_qid: string | null }[];
  claims: { key: string; id: string; claimant: string | null; verdict: string | null }[];
};

const parseLines = <T>(text: string): T[] =>
  text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as T);

describe("Parallax JSONL", () => {
  it("has one line per article, in export order, with the spec's fields", async () => {
    const { text, result } = await exportBytes(ctx.db, ctx.url, "jsonl");
    expect(text.endsWith("\n")).toBe(true);
    const lines = parseLines<JsonlLine>(text);
    const articles = await ctx.db.article.findMany({ include: { story: true } });
    expect(lines).toHaveLength(articles.length);
    expect(result.counts.articles).toBe(articles.length);
    const order = [...lines].sort(
      (a, b) =>
        compareCodePoints(a.story, b.story) || compareCodePoints(a.language, b.language) || (a.id < b.id ? -1 : 1),
    );
    expect(lines.map((l) => l.id)).toEqual(order.map((l) => l.id));
    for (const line of lines) {
      expect(Object.keys(line)).toEqual([
        "id",
        "external_id",
        "story",
        "story_title",
        "language",
        "title",
        "outlet",
        "author",
        "url",
        "published",
        "status",
        "revision",
        "content_hash",
        "text",
        "spans",
        "entities",
        "claims",
      ]);
      const stored = articles.find((a) => a.id === line.id)!;
      expect(line.text).toBe(stored.text);
      expect(line.content_hash).toBe(createHash("sha256").update(line.text, "utf8").digest("hex"));
      expect(line.story).toBe(stored.story.key);
    }
    // The article without spans is there too: the export is lossless.
    expect(lines.find((l) => l.id === ctx.fixtures.unicode.articles.fr!.id)!.spans).toEqual([]);
  });

  it("carries every live span, quote equal to the text at its code-point offsets", async () => {
    const lines = parseLines<JsonlLine>((await exportBytes(ctx.db, ctx.url, "jsonl")).text);
    const stored = await storedSpans({ placedOnly: false });
    const exported = lines.flatMap((l) => l.spans.map((s) => ({ line: l, span: s })));
    expect(exported.map((e) => e.span.id).sort()).toEqual(stored.map((s) => s.id).sort());
    expect(exported.some((e) => e.span.id === ctx.fixtures.unicode.deletedSpanId)).toBe(false);

    let checked = 0;
    for (const { line, span } of exported) {
      const db = stored.find((s) => s.id === span.id)!;
      expect(span).toMatchObject({
        start: db.start,
        end: db.end,
        text: db.quote,
        prefix: db.prefix,
        suffix: db.suffix,
        kind: db.kind.toLowerCase(),
        label: db.label?.key ?? null,
        review_status: db.reviewStatus,
        orphaned: db.orphaned,
        created_at: db.createdAt.toISOString(),
        updated_at: db.updatedAt.toISOString(),
      });
      if (span.id === ctx.fixtures.unicode.orphanedSpanId) {
        // Left on revision 1 by an edit: exported with the revision its offsets refer to.
        expect(span).toMatchObject({ orphaned: true, revision: 1 });
        expect(line.revision).toBe(2);
        continue;
      }
      expect(span).not.toHaveProperty("revision");
      expect(slice(line.text, span.start, span.end)).toBe(span.text);
      checked++;
    }
    expect(checked).toBe(stored.length - 1);
    expect(checked).toBeGreaterThan(100); // the corpus's gold spans are in
  });

  it("orders spans by start, end, id and defines what they reference on the same line", async () => {
    const lines = parseLines<JsonlLine>((await exportBytes(ctx.db, ctx.url, "jsonl")).text);
    for (const line of lines) {
      const spans = line.spans;
      for (let i = 1; i < spans.length; i++) {
        const [a, b] = [spans[i - 1]!, spans[i]!];
        expect(a.start < b.start || (a.start === b.start && (a.end < b.end || (a.end === b.end && a.id < b.id)))).toBe(
          true,
        );
      }
      const entityKeys = line.entities.map((e) => e.key);
      expect(entityKeys).toEqual([...entityKeys].sort(compareCodePoints));
      for (const s of spans) {
        if (s.entity) expect(entityKeys).toContain(s.entity);
        if (s.claim) expect(line.claims.map((c) => c.key)).toContain(s.claim);
      }
      for (const c of line.claims) if (c.claimant) expect(entityKeys).toContain(c.claimant);
    }
    // Stored without a key: exported under the id.
    const en = lines.find((l) => l.id === ctx.fixtures.unicode.articles.en!.id)!;
    const xbar = ctx.fixtures.unicode.entityIds["x-bar"]!;
    expect(en.entities.find((e) => e.id === xbar)?.key).toBe(xbar);
    const he = lines.find((l) => l.id === ctx.fixtures.unicode.articles.he!.id)!;
    expect(he.claims).toEqual([
      expect.objectContaining({ key: "prices-fall-15", claimant: "zoe-angstrom", verdict: "FALSE" }),
    ]);
  });
});

describe("W3C Web Annotation", () => {
  it("is one JSON-LD annotation per placed span, with both selectors in code points", async () => {
    const { text, result } = await exportBytes(ctx.db, ctx.url, "webanno");
    const annotations = parseLines<Record<string, any>>(text); // eslint-disable-line @typescript-eslint/no-explicit-any
    const stored = await storedSpans({ placedOnly: true });
    expect(annotations).toHaveLength(stored.length);
    expect(result.counts.spans.total).toBe(stored.length);
    for (const anno of annotations) {
      expect(anno["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
      expect(anno.type).toBe("Annotation");
      const span = stored.find((s) => `urn:uuid:${s.id}` === anno.id)!;
      expect(span).toBeDefined();
      expect(anno.target.source).toBe(span.article.url ?? `urn:parallax:article:${span.article.id}`);
      const [quote, position] = anno.target.selector;
      expect(quote).toEqual({ type: "TextQuoteSelector", exact: span.quote, prefix: span.prefix, suffix: span.suffix });
      expect(position).toEqual({ type: "TextPositionSelector", start: span.start, end: span.end });
      expect(slice(span.article.text, position.start, position.end)).toBe(quote.exact);
      expect(anno.body[0]).toEqual({ type: "TextualBody", purpose: "tagging", value: span.label!.key });
      const identifying = anno.body.filter((b: { purpose: string }) => b.purpose === "identifying");
      if (span.entity) {
        expect(identifying).toEqual([
          {
            type: "SpecificResource",
            purpose: "identifying",
            source: span.entity.wikidataQid
              ? `http://www.wikidata.org/entity/${span.entity.wikidataQid}`
              : `urn:parallax:entity:${encodeURIComponent(span.entity.key ?? span.entity.id)}`,
          },
        ]);
      } else if (span.claim) {
        expect(identifying[0].source).toBe(`urn:parallax:claim:${encodeURIComponent(span.claim.key ?? span.claim.id)}`);
      } else {
        expect(identifying).toEqual([]);
      }
      expect(anno.created).toBe(span.createdAt.toISOString());
    }
    // The orphaned span cannot be positioned in the current text: not exported here.
    expect(annotations.some((a) => a.id === `urn:uuid:${ctx.fixtures.unicode.orphanedSpanId}`)).toBe(false);
    expect(text).toContain('"source":"http://www.wikidata.org/entity/Q2211"'); // Malmö
  });
});

describe("schema.org ClaimReview", () => {
  it("reviews each claim with a verdict, with one appearance per language version", async () => {
    const { text, result } = await exportBytes(ctx.db, ctx.url, "claimreview");
    const feed = JSON.parse(text);
    expect(feed["@context"]).toBe("https://schema.org");
    expect(feed["@type"]).toBe("DataFeed");
    const reviews = feed.dataFeedElement as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const claims = await ctx.db.claim.findMany({
      where: { verdictId: { not: null }, spans: { some: { deletedAt: null, orphaned: false } } },
      include: { verdict: true, spans: { where: { deletedAt: null }, include: { article: true } } },
    });
    expect(reviews).toHaveLength(claims.length);
    expect(result.counts.claimReviews).toBe(claims.length);
    const [scale] = await ctx.db.$queryRaw<{ best: number; worst: number }[]>`
      SELECT max(value)::int AS best, min(value)::int AS worst FROM "VerdictRating"`;
    for (const review of reviews) {
      const claim = claims.find((c) => review.url.endsWith(`/claims/${encodeURIComponent(c.key ?? c.id)}`))!;
      expect(claim).toBeDefined();
      expect(review["@type"]).toBe("ClaimReview");
      expect(review.url).toMatch(/^https?:\/\/[^/]+\/claims\//);
      expect(review.itemReviewed["@id"]).toBe(`${review.url}#claim`);
      expect(review.claimReviewed).toBe(claim.statement);
      expect(review.reviewRating).toEqual({
        "@type": "Rating",
        ratingValue: claim.verdict!.value,
        bestRating: scale!.best,
        worstRating: scale!.worst,
        alternateName: claim.verdict!.name,
      });
      expect(review.author).toEqual({ "@type": "Organization", name: "Parallax newsroom" });
      expect(review.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(review.itemReviewed["@type"]).toBe("Claim");
      const languages = new Set(claim.spans.map((s) => s.article.language));
      expect(review.itemReviewed.appearance.map((a: { inLanguage: string }) => a.inLanguage).sort()).toEqual(
        [...languages].sort(),
      );
      for (const appearance of review.itemReviewed.appearance) {
        expect(appearance["@type"]).toBe("CreativeWork");
        const spans = claim.spans.filter((s) => s.article.language === appearance.inLanguage);
        expect(spans.map((s) => s.quote)).toContain(appearance.text);
        expect(appearance.headline).toBe(spans[0]!.article.title);
      }
    }
    const prices = reviews.find((r) => r.url.endsWith("/claims/prices-fall-15"))!;
    expect(prices.reviewRating.alternateName).toBe("False");
    expect(prices.itemReviewed.author).toMatchObject({ "@type": "Person", name: "Zoë Ångström" });
    expect(prices.itemReviewed.appearance.map((a: { inLanguage: string }) => a.inLanguage)).toEqual(["ar", "en", "he"]);
  });

  it("names the organization from the environment", async () => {
    const { text } = await exportBytes(
      ctx.db,
      ctx.url,
      "claimreview",
      {},
      { organization: { name: "Fact Desk", url: "https://example.org" } },
    );
    expect(JSON.parse(text).dataFeedElement[0].author).toEqual({
      "@type": "Organization",
      name: "Fact Desk",
      url: "https://example.org",
    });
  });
});

describe("CoNLL 2003", () => {
  it("tags every kept entity with B-/I- over whole tokens, one document per article", async () => {
    const [{ text: conll }, { text: jsonl }] = await Promise.all([
      exportBytes(ctx.db, ctx.url, "conll"),
      exportBytes(ctx.db, ctx.url, "jsonl"),
    ]);
    const articles = parseLines<JsonlLine>(jsonl);
    const documents = conll.split("-DOCSTART- -X- -X- O\n\n").slice(1);
    expect(conll.startsWith("-DOCSTART- -X- -X- O\n\n")).toBe(true);
    expect(documents).toHaveLength(articles.length);

    for (const [i, doc] of documents.entries()) {
      const article = articles[i]!;
      const tokens = doc
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => {
          const columns = l.split(" ");
          expect(columns).toHaveLength(4);
          return { text: columns[0]!, tag: columns[3]! };
        });
      // Tokens, in order, are the text without its whitespace.
      expect(tokens.map((t) => t.text).join("")).toBe(article.text.replace(/\s/gu, ""));
      // BIO: an I- continues a B- or I- of the same type.
      const entities: { label: string; text: string }[] = [];
      for (const [j, t] of tokens.entries()) {
        expect(t.tag).toMatch(/^(O|[BI]-\S+)$/);
        if (t.tag.startsWith("I-")) {
          expect(tokens[j - 1]!.tag.slice(2)).toBe(t.tag.slice(2));
          entities.at(-1)!.text += t.text;
        } else if (t.tag.startsWith("B-")) {
          entities.push({ label: t.tag.slice(2), text: t.text });
        }
      }
      const placed = article.spans.filter((s) => s.kind === "entity" && s.label && !("revision" in s));
      const kept = resolveOverlaps(
        placed.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label as string })),
      );
      expect(entities).toEqual(
        kept.map((s) => ({ label: s.label, text: slice(article.text, s.start, s.end).replace(/\s/gu, "") })),
      );
    }
    // Nested "Tsinghua" loses to "Tsinghua University"; Chinese is tagged character by character.
    expect(conll).toContain("Tsinghua _ _ B-ORG\nUniversity _ _ I-ORG\n");
    expect(conll).toContain("清 _ _ B-ORG\n华 _ _ I-ORG\n大 _ _ I-ORG\n学 _ _ I-ORG\n");
    expect(conll).toContain("👨‍👩‍👧 _ _ B-MISC\n");
    expect(conll).toContain("x̄ _ _ B-MISC\nstatistic _ _ I-MISC\n");
  });
});

describe("CSV", () => {
  it("parses back (RFC 4180) to one row per placed span with its quote", async () => {
    const { text } = await exportBytes(ctx.db, ctx.url, "csv");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    const stored = await storedSpans({ placedOnly: true });
    expect(rows).toHaveLength(stored.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    for (const row of rows) {
      expect(row).toHaveLength(CSV_COLUMNS.length);
      const span = stored.find((s) => s.id === row[col("span_id")])!;
      const start = Number(row[col("start")]);
      const end = Number(row[col("end")]);
      expect([start, end]).toEqual([span.start, span.end]);
      const quote = unprotectCsvCell(row[col("quote")]!);
      expect(quote).toBe(span.quote);
      expect(slice(span.article.text, start, end)).toBe(quote);
      expect(unprotectCsvCell(row[col("story")]!)).toBe(span.article.story.key);
      expect(row[col("entity_wikidata_qid")]).toBe(span.entity?.wikidataQid ?? "");
      expect(row[col("claim_verdict")]).toBe(span.claim?.verdict?.key ?? "");
      expect(row[col("review_status")]).toBe(span.reviewStatus);
    }
    const quotes = rows.map((r) => r[col("quote")]);
    expect(quotes).toContain("'=SUM(A1)");
    expect(quotes).toContain("'-15%");
    expect(quotes).toContain('"new menu" would cut prices by -15%');
  });

  it("leaves the byte-order mark out on request", async () => {
    const { text } = await exportBytes(ctx.db, ctx.url, "csv", { languages: ["he"] }, { csvBom: false });
    expect(text.startsWith("span_id,")).toBe(true);
  });
});

describe("checked in Python", () => {
  it("finds text[start:end] == quote for every span of the JSONL and W3C exports", async () => {
    const jsonl = path.join(dir, "all.jsonl");
    const webanno = path.join(dir, "all.webanno.jsonl");
    const [j, w] = await Promise.all([exportBytes(ctx.db, ctx.url, "jsonl"), exportBytes(ctx.db, ctx.url, "webanno")]);
    writeFileSync(jsonl, j.bytes);
    writeFileSync(webanno, w.bytes);
    const { stdout } = await run("python3", [PYTHON_CHECK, "--jsonl", jsonl, "--webanno", webanno]);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      articles: j.result.counts.articles,
      spans: j.result.counts.spans.total,
      orphaned: 1,
      annotations: w.result.counts.spans.total,
    });
    expect(summary.spans).toBeGreaterThan(100);

    // The checker does fail: one wrong quote is reported.
    const broken = j.text.replace('"text":"清华大学"', '"text":"清华大"');
    expect(broken).not.toBe(j.text);
    writeFileSync(jsonl, broken);
    const failure = await run("python3", [PYTHON_CHECK, "--jsonl", jsonl]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/but the quote is '清华大'/);
  });
});

describe("the same data gives the same bytes", () => {
  it.each(["jsonl", "webanno", "claimreview", "conll", "csv"])(
    "%s: tiny batches over many pages equal one big batch",
    async (format) => {
      const big = await exportBytes(ctx.db, ctx.url, format, {}, { batch: { articles: 1000, spans: 100_000 } });
      const tiny = await exportBytes(
        ctx.db,
        ctx.url,
        format,
        {},
        { batch: { articles: 2, spans: 3, textCodePoints: 1, claims: 1 } },
      );
      expect(tiny.bytes.equals(big.bytes)).toBe(true);
      expect(tiny.result.sha256).toBe(big.result.sha256);
      expect(big.result.sha256).toBe(createHash("sha256").update(big.bytes).digest("hex"));
      expect(big.result.bytes).toBe(big.bytes.length);
    },
  );

  it("streams the same bytes to a web ReadableStream", async () => {
    const { prepareExport } = await import("@/lib/export");
    const plan = await prepareExport(
      ctx.db,
      { format: "jsonl", filter: { stories: [UNICODE_STORY] } },
      { databaseUrl: ctx.url },
    );
    const { stream, result } = plan.toReadableStream();
    const viaWeb = Buffer.from(await new Response(stream).arrayBuffer());
    const viaNode = await exportBytes(ctx.db, ctx.url, "jsonl", { stories: [UNICODE_STORY] });
    expect(viaWeb.equals(viaNode.bytes)).toBe(true);
    expect((await result).sha256).toBe(viaNode.result.sha256);
  });
});
