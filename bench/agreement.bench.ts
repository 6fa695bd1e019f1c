/**
 * The whole agreement report (lib/agreement/report.ts) for one story of 4
 * language versions × 3 independent annotators × 5,000 spans each (60,000
 * spans): unitizing α_u per label, per version, per language, overall and per
 * pair, span matching exact and with overlap, link agreement, cross-language
 * table. Goal: under 1 s. Spans are synthetic: a second and third annotator
 * agree exactly on most of the first one's spans, shift some boundaries,
 * relabel or relink a few and add their own.
 */
import { agreementReport, type AgreementInput, type AgreementSpan } from "../lib/agreement/report";
import type { Bench, Measurement } from "./types";
import { seededRandom } from "./random";

const LABELS = ["PER", "ORG", "LOC", "EVENT", "CLAIM"];

export function syntheticStory(languages: number, annotators: number, spansEach: number, seed = 1): AgreementInput {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const annotatorIds = Array.from({ length: annotators }, (_, i) => `annotator-${i}`);
  const articles = Array.from({ length: languages }, (_, i) => ({
    id: `article-${i}`,
    storyKey: "bench-story",
    language: ["sv", "en", "de", "fr", "ar", "zh"][i % 6]!,
    length: spansEach * 60,
    annotators: annotatorIds,
  }));
  const spans: AgreementSpan[] = [];
  for (const article of articles) {
    const base = Array.from({ length: spansEach }, (_, k) => {
      const start = k * 60 + Math.floor(rnd() * 20);
      const label = pick(LABELS);
      const claim = label === "CLAIM";
      return {
        articleId: article.id,
        start,
        end: start + 3 + Math.floor(rnd() * 25),
        label,
        kind: claim ? ("CLAIM" as const) : ("ENTITY" as const),
        entityId: claim ? null : `entity-${Math.floor(rnd() * 400)}`,
        claimId: claim ? `claim-${Math.floor(rnd() * 100)}` : null,
        verdict: claim ? 1 + Math.floor(rnd() * 5) : null,
      };
    });
    for (const annotatorId of annotatorIds) {
      for (const s of base) {
        const r = rnd();
        if (annotatorId === annotatorIds[0] || r < 0.7) spans.push({ ...s, annotatorId });
        else if (r < 0.85) spans.push({ ...s, annotatorId, start: s.start + 1, end: s.end + Math.floor(rnd() * 3) });
        else if (r < 0.9) spans.push({ ...s, annotatorId, label: pick(LABELS) });
        else if (r < 0.95)
          spans.push({ ...s, annotatorId, entityId: s.entityId ? `entity-${Math.floor(rnd() * 400)}` : null });
        else spans.push({ ...s, annotatorId, start: s.start + 30, end: s.start + 38 });
      }
    }
  }
  return {
    articles,
    annotators: annotatorIds.map((id) => ({ id, name: id })),
    spans,
  };
}

const bench: Bench = {
  name: "agreement",
  description: "the agreement report for a story of 4 versions × 3 annotators × 5,000 spans each",
  async run(ctx) {
    const spansEach = ctx.quick ? 1_000 : 5_000;
    const input = syntheticStory(4, 3, spansEach);
    agreementReport(syntheticStory(2, 2, 200)); // compile first
    const samples: number[] = [];
    let report: ReturnType<typeof agreementReport> | null = null;
    for (let run = 0; run < ctx.runs; run++) {
      const t = performance.now();
      report = agreementReport(input);
      samples.push(performance.now() - t);
    }
    ctx.log(
      `${input.spans.length} spans: overall α_u ${report!.overall.alphaU.value?.toFixed(3)}, ` +
        `pair F1 (overlap) ${report!.pairs.map((p) => p.overlap.f1.value?.toFixed(3)).join(" ")}`,
    );
    const measurements: Measurement[] = [
      {
        name: `agreement report, 4 versions × 3 annotators × ${spansEach.toLocaleString("en")} spans`,
        unit: "ms",
        samples,
        goal: 1000,
      },
    ];
    return measurements;
  },
};

export default bench;
