import { describe, expect, it } from "vitest";
import type { ClaimRecord, EntityRecord, SpanRecord } from "../records";
import { claimReview, feedHead } from "./claimreview";
import { conllDocument, DOCSTART } from "./conll";
import { CSV_COLUMNS, csvCell, csvRow, unprotectCsvCell } from "./csv";
import { articleHead, articleTail, claimJson, entityJson, spanJson } from "./jsonl";
import { jsonText, toUri } from "./text-safety";
import { articleIri, entityIri, webAnnotation } from "./webanno";

const span = (over: Partial<SpanRecord> = {}): SpanRecord => ({
  id: "00000000-0000-4000-8000-000000000001",
  start: 4,
  end: 10,
  quote: "Genève",
  prefix: "In ",
  suffix: " 🌙",
  kind: "ENTITY",
  label: "GPE",
  entityId: "e1",
  claimId: null,
  reviewStatus: "APPROVED",
  orphaned: false,
  revision: 1,
  source: "MANUAL",
  version: 1,
  createdById: "00000000-0000-4000-8000-0000000000aa",
  createdBy: "editor@example.org",
  createdByName: "Editor",
  updatedBy: "editor@example.org",
  createdAt: "2026-03-01T10:00:00.000Z",
  updatedAt: "2026-03-01T12:00:00.000Z",
  layer: "SHARED",
  annotator: null,
  proposedBy: null,
  acceptedBy: null,
  sourceSpanId: null,
  ...over,
});

const geneva: EntityRecord = {
  id: "e1",
  key: "geneva",
  name: "Geneva",
  label: "GPE",
  wikidataQid: "Q71",
  description: null,
  aliases: [{ language: "fr", alias: "Genève" }],
};

const article = {
  id: "a1",
  externalId: "x-1",
  story: "talks",
  storyTitle: "Talks",
  language: "fr",
  title: "Titre",
  outlet: null,
  author: null,
  url: null,
  published: "2024-01-11",
  status: "NEW",
  revision: 1,
  contentHash: "abc",
  length: 12,
  text: "Les Genève 🌙",
};

describe("Parallax JSONL pieces", () => {
  it("writes a span with the spec's fields, in the spec's order", () => {
    const json = JSON.parse(spanJson(span(), article, "geneva", null)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      "id",
      "start",
      "end",
      "text",
      "prefix",
      "suffix",
      "kind",
      "label",
      "entity",
      "claim",
      "review_status",
      "orphaned",
      "source",
      "version",
      "created_by",
      "updated_by",
      "created_at",
      "updated_at",
    ]);
    expect(json).toMatchObject({ text: "Genève", kind: "entity", entity: "geneva", claim: null });
  });

  it("adds the revision to a span an edit left on an older text", () => {
    const json = JSON.parse(spanJson(span({ orphaned: true, revision: 1 }), { revision: 2 }, null, null));
    expect(json).toMatchObject({ orphaned: true, revision: 1 });
    expect(JSON.parse(spanJson(span(), { revision: 1 }, null, null))).not.toHaveProperty("revision");
  });

  it("names the layer and provenance of a span outside the shared layer", () => {
    expect(JSON.parse(spanJson(span(), { revision: 1 }, null, null))).not.toHaveProperty("layer");
    const own = span({ layer: "ANNOTATOR", annotator: "ann@example.org" });
    expect(JSON.parse(spanJson(own, { revision: 1 }, null, null))).toMatchObject({
      layer: "annotator",
      annotator: "ann@example.org",
    });
    const curated = span({
      layer: "CURATED",
      proposedBy: "ann@example.org",
      acceptedBy: "cur@example.org",
      sourceSpanId: "00000000-0000-4000-8000-000000000002",
      orphaned: true,
    });
    expect(JSON.parse(spanJson(curated, { revision: 2 }, null, null))).toMatchObject({
      revision: 1,
      layer: "curated",
      proposed_by: "ann@example.org",
      accepted_by: "cur@example.org",
      source_span: "00000000-0000-4000-8000-000000000002",
    });
  });

  it("assembles a line that parses, with entities and claims sorted by key", () => {
    const claim: ClaimRecord = {
      id: "c1",
      key: null,
      statement: "Talks were held.",
      claimantId: "e1",
      claimDate: "2023-10-01",
      verdict: { key: "TRUE", name: "True", value: 5 },
      note: null,
      evidenceUrls: [],
      createdAt: "2026-03-01T10:00:00.000Z",
      updatedAt: "2026-03-01T10:00:00.000Z",
    };
    const zurich = { ...geneva, id: "e2", key: "zurich", wikidataQid: null, aliases: [] };
    const line =
      articleHead(article) +
      spanJson(span(), article, "geneva", null) +
      articleTail([zurich, geneva], [claim], () => "geneva");
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual([
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
    expect(parsed.entities.map((e: { key: string }) => e.key)).toEqual(["geneva", "zurich"]);
    // A claim without a key is exported under its id.
    expect(parsed.claims).toEqual([
      {
        key: "c1",
        id: "c1",
        statement: "Talks were held.",
        claimant: "geneva",
        claim_date: "2023-10-01",
        verdict: "TRUE",
        note: null,
        evidence_urls: [],
        created_at: "2026-03-01T10:00:00.000Z",
        updated_at: "2026-03-01T10:00:00.000Z",
      },
    ]);
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(entityJson(geneva))).toEqual({
      key: "geneva",
      id: "e1",
      name: "Geneva",
      label: "GPE",
      wikidata_qid: "Q71",
      description: null,
      aliases: [{ language: "fr", alias: "Genève" }],
    });
    expect(JSON.parse(claimJson(claim, null)).claimant).toBeNull();
  });
});

describe("W3C Web Annotation", () => {
  it("carries both selectors, the label and a Wikidata link", () => {
    const anno = webAnnotation(span(), article, geneva, null);
    expect(anno).toMatchObject({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      id: "urn:uuid:00000000-0000-4000-8000-000000000001",
      type: "Annotation",
      motivation: "identifying",
      body: [
        { type: "TextualBody", purpose: "tagging", value: "GPE" },
        { type: "SpecificResource", purpose: "identifying", source: "http://www.wikidata.org/entity/Q71" },
      ],
      target: {
        source: "urn:parallax:article:a1",
        selector: [
          { type: "TextQuoteSelector", exact: "Genève", prefix: "In ", suffix: " 🌙" },
          { type: "TextPositionSelector", start: 4, end: 10 },
        ],
      },
    });
  });

  it("names articles by URL when known and entities by key otherwise", () => {
    expect(articleIri({ id: "a1", url: "https://example.org/x" })).toBe("https://example.org/x");
    expect(articleIri({ id: "a1", url: "not a url" })).toBe("urn:parallax:article:a1");
    expect(entityIri({ id: "e9", key: "tsinghua university", wikidataQid: null })).toBe(
      "urn:parallax:entity:tsinghua%20university",
    );
    expect(entityIri({ id: "e9", key: null, wikidataQid: null })).toBe("urn:parallax:entity:e9");
  });
});

const appearance = {
  articleId: "a1",
  story: "s",
  language: "fr",
  title: "Titre",
  outlet: "Le Monde",
  author: null,
  url: "https://example.org/fr",
  published: "2024-01-11",
  quote: "ont eu lieu",
  start: 1,
  end: 2,
};

describe("ClaimReview", () => {
  it("has the fields fact-check consumers require", () => {
    const review = claimReview(
      {
        claim: {
          id: "c1",
          key: "talks",
          statement: "Talks were held in Geneva.",
          claimantId: "e1",
          claimDate: "2023-10-01",
          verdict: { key: "MOSTLY_TRUE", name: "Mostly true", value: 4 },
          note: null,
          evidenceUrls: [],
          createdAt: "2026-03-01T10:00:00.000Z",
          updatedAt: "2026-03-02T10:00:00.000Z",
        },
        claimant: geneva,
        appearances: [
          {
            articleId: "a1",
            story: "s",
            language: "fr",
            title: "Titre",
            outlet: "Le Monde",
            author: null,
            url: "https://example.org/fr",
            published: "2024-01-11",
            quote: "ont eu lieu",
            start: 1,
            end: 2,
          },
        ],
      },
      { worst: 1, best: 5 },
      { name: "Fact Desk", url: "https://example.org" },
      "https://parallax.example.org/",
    );
    expect(review).toMatchObject({
      "@type": "ClaimReview",
      url: "https://parallax.example.org/claims/talks",
      claimReviewed: "Talks were held in Geneva.",
      reviewRating: { "@type": "Rating", ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: "Mostly true" },
      author: { "@type": "Organization", name: "Fact Desk", url: "https://example.org" },
      datePublished: "2026-03-01",
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "GovernmentOrganization", name: "Geneva", sameAs: "https://www.wikidata.org/wiki/Q71" },
        appearance: [
          {
            "@type": "CreativeWork",
            url: "https://example.org/fr",
            inLanguage: "fr",
            headline: "Titre",
            text: "ont eu lieu",
          },
        ],
      },
    });
    const doc = JSON.parse(`${feedHead({ name: "Fact Desk" })}${JSON.stringify(review)}\n]}`);
    expect(doc["@context"]).toBe("https://schema.org");
    expect(doc.dataFeedElement).toHaveLength(1);
  });

  it("writes only http(s) URLs, and types a claimant only as a Person or an Organization", () => {
    const item = (claimantLabel: string) => ({
      claim: {
        id: "c2",
        key: "größe 1",
        statement: "S",
        claimantId: "e1",
        claimDate: null,
        verdict: { key: "FALSE", name: "False", value: 1 },
        note: null,
        evidenceUrls: ["javascript:alert(1)", "https://example.org/ü?q=1", "ftp://x.org/a"],
        createdAt: "2026-03-01T10:00:00.000Z",
        updatedAt: "2026-03-02T10:00:00.000Z",
      },
      claimant: { ...geneva, label: claimantLabel, wikidataQid: null },
      appearances: [
        { ...appearance, url: "javascript:alert(1)" },
        { ...appearance, url: "https://example.org/جنيف" },
      ],
    });
    const review = claimReview(
      item("EVENT"),
      { worst: 1, best: 5 },
      { name: "D", url: "mailto:x@y.z" },
      "http://h:3000",
    );
    expect(review.url).toBe("http://h:3000/claims/gr%C3%B6%C3%9Fe%201");
    expect(review.citation).toEqual(["https://example.org/%C3%BC?q=1"]);
    expect(review.author).toEqual({ "@type": "Organization", name: "D" });
    const reviewed = review.itemReviewed as { author?: unknown; appearance: { url?: string }[] };
    expect(reviewed.author).toBeUndefined();
    expect(reviewed.appearance.map((a) => a.url)).toEqual([undefined, "https://example.org/%D8%AC%D9%86%D9%8A%D9%81"]);
    const json = JSON.stringify(review);
    for (const [, value] of json.matchAll(/"(?:url|@id|sameAs|citation)":\[?"([^"]+)"/g)) {
      expect(value).toMatch(/^https?:\/\/[\x21-\x7e]+$/);
    }
    expect(
      (
        claimReview(item("PERSON"), { worst: 1, best: 5 }, { name: "D" }, "http://h").itemReviewed as {
          author: unknown;
        }
      ).author,
    ).toEqual({ "@type": "Person", name: "Geneva" });
    expect(
      (claimReview(item("ORG"), { worst: 1, best: 5 }, { name: "D" }, "http://h").itemReviewed as { author: unknown })
        .author,
    ).toEqual({ "@type": "Organization", name: "Geneva" });
  });
});

describe("line separators and URIs", () => {
  it("JSONL and Web Annotation escape U+2028 and U+2029, so a line splitter never cuts a record", () => {
    const text = "A\u2028B\u2029C";
    const head = articleHead({ ...article, text, title: "T\u2028" });
    const line = spanJson(span({ quote: "B\u2029", prefix: "\u2028" }), article, null, null);
    const anno = jsonText(webAnnotation(span({ quote: "\u2028" }), article, null, null));
    for (const out of [head, line, anno, entityJson({ ...geneva, name: "G\u2029" })]) {
      expect(out).not.toMatch(/[\u2028\u2029]/);
      expect(out.split(/\r\n|[\n\r\u2028\u2029\x85]/)).toHaveLength(1);
    }
    expect(JSON.parse(line).text).toBe("B\u2029");
    expect(JSON.parse(`${head}]}`).text).toBe(text);
  });

  it("percent-encodes non-ASCII article URLs in Web Annotation targets", () => {
    expect(articleIri({ id: "a1", url: "https://de.example.org/Zürich?q=ä b#x" })).toBe(
      "https://de.example.org/Z%C3%BCrich?q=%C3%A4%20b#x",
    );
    expect(articleIri({ id: "a1", url: "https://example.org/a%20b" })).toBe("https://example.org/a%20b");
    expect(toUri("https://例え.jp/é")).toBe("https://%E4%BE%8B%E3%81%88.jp/%C3%A9");
    const anno = webAnnotation(span(), { id: "a1", url: "https://example.org/جنيف" }, null, null);
    expect((anno.target as { source: string }).source).toBe("https://example.org/%D8%AC%D9%86%D9%8A%D9%81");
  });
});

describe("CSV", () => {
  it("quotes per RFC 4180", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(12)).toBe("12");
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
    expect(CSV_COLUMNS[0]).toBe("span_id");
  });

  it("defuses cells a spreadsheet would run as formulas, reversibly", () => {
    for (const value of ["=SUM(A1)", "+1", "-15%", "@cmd", "\tx", "\rx", "'quoted", "'=x"]) {
      const cell = csvCell(value);
      expect(cell.replace(/^"|"$/g, "").startsWith("'")).toBe(true);
      expect(unprotectCsvCell(cell.startsWith('"') ? cell.slice(1, -1) : cell)).toBe(value);
    }
    expect(csvCell("Genève")).toBe("Genève");
  });
});

describe("CoNLL", () => {
  it("writes a -DOCSTART- document with four columns per token", () => {
    const doc = conllDocument("Kiel welcomed it. Then rain.", "en", [{ id: "a", start: 0, end: 4, label: "GPE" }]);
    expect(doc.startsWith(DOCSTART)).toBe(true);
    expect(doc).toBe(
      `${DOCSTART}Kiel _ _ B-GPE\nwelcomed _ _ O\nit _ _ O\n. _ _ O\n\nThen _ _ O\nrain _ _ O\n. _ _ O\n\n`,
    );
  });
});
