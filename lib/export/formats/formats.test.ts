import { describe, expect, it } from "vitest";
import type { ClaimRecord, EntityRecord, SpanRecord } from "../records";
import { claimReview, feedHead } from "./claimreview";
import { conllDocument, DOCSTART } from "./conll";
import { CSV_COLUMNS, csvCell, csvRow, unprotectCsvCell } from "./csv";
import { articleHead, articleTail, claimJson, entityJson, spanJson } from "./jsonl";
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
    );
    expect(review).toMatchObject({
      "@type": "ClaimReview",
      claimReviewed: "Talks were held in Geneva.",
      reviewRating: { "@type": "Rating", ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: "Mostly true" },
      author: { "@type": "Organization", name: "Fact Desk", url: "https://example.org" },
      datePublished: "2026-03-01",
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Place", name: "Geneva", sameAs: "https://www.wikidata.org/wiki/Q71" },
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
