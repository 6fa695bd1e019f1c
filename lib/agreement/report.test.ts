import { describe, expect, it } from "vitest";
import { agreementReport, type AgreementSpan } from "./report";
import { unitizingAlpha } from "./unitizing";

const span = (
  annotatorId: string,
  articleId: string,
  start: number,
  end: number,
  label = "PER",
  more: Partial<AgreementSpan> = {},
): AgreementSpan => ({
  annotatorId,
  articleId,
  start,
  end,
  label,
  kind: "ENTITY",
  entityId: null,
  claimId: null,
  verdict: null,
  ...more,
});

const articles = [
  { id: "sv1", storyKey: "s", language: "sv", length: 100, annotators: ["ann", "bo"] },
  { id: "en1", storyKey: "s", language: "en", length: 80, annotators: ["ann", "bo"] },
];
const annotators = [
  { id: "ann", name: "Ann" },
  { id: "bo", name: "Bo" },
];

describe("agreementReport", () => {
  const spans = [
    span("ann", "sv1", 0, 10, "PER", { entityId: "e1" }),
    span("bo", "sv1", 0, 10, "PER", { entityId: "e1" }),
    span("ann", "sv1", 20, 30, "ORG", { entityId: "e2" }),
    span("bo", "sv1", 22, 30, "ORG", { entityId: "e3" }),
    span("ann", "en1", 5, 9, "PER", { entityId: "e1" }),
    span("bo", "en1", 40, 50, "PER"),
    span("ann", "en1", 60, 70, "CLAIM", { kind: "CLAIM", claimId: "c1", verdict: 2 }),
    span("bo", "en1", 61, 70, "CLAIM", { kind: "CLAIM", claimId: "c2", verdict: 3 }),
  ];
  const report = agreementReport({ articles, annotators, spans, names: new Map([["e1", "Greta"]]) });

  it("computes α_u per article and over the story laid end to end", () => {
    const sv = report.perArticle.find((a) => a.articleId === "sv1")!;
    const direct = unitizingAlpha({
      length: 100,
      raters: 2,
      units: spans
        .filter((s) => s.articleId === "sv1")
        .map((s) => ({ rater: s.annotatorId === "ann" ? 0 : 1, start: s.start, end: s.end, label: s.label })),
    });
    expect(sv.alphaU).toEqual(direct.alpha);
    expect(sv.spans).toEqual({ ann: 2, bo: 2 });
    // Articles sorted by language: en (length 80) first, then sv at offset 80.
    const whole = unitizingAlpha({
      length: 180,
      raters: 2,
      units: spans.map((s) => {
        const offset = s.articleId === "sv1" ? 80 : 0;
        return {
          rater: s.annotatorId === "ann" ? 0 : 1,
          start: s.start + offset,
          end: s.end + offset,
          label: s.label,
        };
      }),
    });
    expect(report.overall.alphaU).toEqual(whole.alpha);
    expect(report.pairs[0]!.alphaU).toEqual(whole.alpha);
    expect(report.perLanguage.map((l) => l.language)).toEqual(["en", "sv"]);
  });

  it("matches spans pairwise and compares their links", () => {
    const pair = report.pairs[0]!;
    expect(pair.exact.matched).toBe(1);
    expect(pair.overlap.matched).toBe(3);
    expect(pair.overlap.f1.value).toBeCloseTo(6 / 8, 12);
    expect(pair.entity).toMatchObject({ linked: 2, same: 1 });
    expect(pair.entity.agreement.value).toBe(0.5);
    expect(pair.verdict).toMatchObject({ linked: 1, same: 0 });
    // One verdict pair on two values: α over it is defined (−1 for two disagreeing values is not;
    // with a single pair the expected disagreement equals the observed one).
    expect(JSON.stringify(report)).not.toMatch(/NaN/);
  });

  it("lists, per entity and claim, the languages each annotator linked it in", () => {
    const greta = report.crossLanguage.find((r) => r.id === "e1")!;
    expect(greta.name).toBe("Greta");
    expect(greta.languages).toEqual({ ann: ["en", "sv"], bo: ["sv"] });
    expect(report.crossLanguage.filter((r) => r.kind === "claim").map((r) => r.id)).toEqual(["c1", "c2"]);
  });

  it("leaves out of a group's α_u the articles not every member annotated", () => {
    const partial = agreementReport({
      articles: [articles[0]!, { ...articles[1]!, annotators: ["ann"] }],
      annotators,
      spans,
    });
    expect(partial.overall.articles).toBe(1);
    expect(partial.pairs[0]!.articles).toBe(1);
    expect(partial.perArticle.find((a) => a.articleId === "en1")!.alphaU.reason).toMatch(/two annotators/);
  });

  it("reports undefined figures with reasons when nobody annotated", () => {
    const empty = agreementReport({ articles, annotators, spans: [] });
    expect(empty.overall.alphaU.value).toBeNull();
    expect(empty.pairs[0]!.overlap.f1.reason).toMatch(/neither/);
    expect(empty.links.entity.agreement.value).toBeNull();
  });
});
