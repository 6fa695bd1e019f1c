import { describe, expect, it } from "vitest";
import { agreementReport, type AgreementSpan } from "./report";
import { prepareStretch, stretchAlpha, unitizingAlpha, type Unit } from "./unitizing";

// α_u assembled from prepared stretches must equal α_u computed the plain way
// over the whole continuum: segments cut from end to end, every segment pair
// visited, every unit tried against every gap. That slow reference lives here.

interface Seg {
  start: number;
  end: number;
  unit: boolean;
}

function naive(units: readonly Unit[], L: number, R: number) {
  const inside = units.filter((u) => Math.min(L, u.end) > Math.max(0, u.start));
  const labels = [...new Set(inside.map((u) => u.label))].sort();
  return labels.map((label) => {
    const perRater = Array.from({ length: R }, (_, r) => {
      const own = units
        .filter((u) => u.label === label && u.rater === r)
        .map((u) => ({ start: Math.max(0, u.start), end: Math.min(L, u.end) }))
        .filter((u) => u.end > u.start)
        .sort((a, b) => a.start - b.start || a.end - b.end);
      const merged: { start: number; end: number }[] = [];
      for (const u of own) {
        const last = merged[merged.length - 1];
        if (last && u.start < last.end) last.end = Math.max(last.end, u.end);
        else merged.push({ ...u });
      }
      return merged;
    });
    const segments: Seg[][] = perRater.map((us) => {
      const out: Seg[] = [];
      let pos = 0;
      for (const u of us) {
        if (u.start > pos) out.push({ start: pos, end: u.start, unit: false });
        out.push({ start: u.start, end: u.end, unit: true });
        pos = u.end;
      }
      if (pos < L) out.push({ start: pos, end: L, unit: false });
      return out;
    });
    let sum = 0;
    for (let a = 0; a < R; a++) {
      for (let b = a + 1; b < R; b++) {
        for (const s of segments[a]!) {
          for (const t of segments[b]!) {
            if (Math.min(s.end, t.end) <= Math.max(s.start, t.start)) continue;
            if (s.unit && t.unit) sum += (s.start - t.start) ** 2 + (s.end - t.end) ** 2;
            else if (s.unit && t.start <= s.start && s.end <= t.end) sum += (s.end - s.start) ** 2;
            else if (t.unit && s.start <= t.start && t.end <= s.end) sum += (t.end - t.start) ** 2;
          }
        }
      }
    }
    const observed = (2 * sum) / (R * (R - 1) * L * L);
    const lengths = perRater.flat().map((u) => u.end - u.start);
    const gaps = segments
      .flat()
      .filter((s) => !s.unit)
      .map((s) => s.end - s.start);
    const N = lengths.length;
    let total = 0;
    for (const l of lengths) {
      let placements = 0;
      for (const g of gaps) if (g >= l) placements += g - l + 1;
      total += ((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * placements;
    }
    const denominator = R * L * (R * L - 1) - lengths.reduce((s, l) => s + l * (l - 1), 0);
    return { label, observed, expected: ((2 / L) * total) / denominator };
  });
}

function random(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Units over stretches of the given lengths: overlapping, touching, crossing the ends, some raters silent. */
function study(seed: number, lengths: number[], R: number) {
  const rnd = random(seed);
  const units: (Unit & { stretch: number })[] = [];
  lengths.forEach((length, stretch) => {
    for (let r = 0; r < R; r++) {
      if (rnd(4) === 0) continue; // this annotator marked nothing here
      for (let k = rnd(12); k > 0; k--) {
        const start = rnd(length + 4) - 2;
        units.push({ stretch, rater: r, start, end: start + 1 + rnd(15), label: "ABC"[rnd(3)]! });
      }
    }
  });
  return units;
}

describe("α_u from prepared stretches", () => {
  it("equals the plain computation on one continuum", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const R = 2 + (seed % 3);
      const L = 30 + seed * 3;
      const units = study(seed, [L], R).map(({ stretch: _, ...u }) => u);
      const fast = unitizingAlpha({ length: L, raters: R, units });
      const slow = naive(units, L, R);
      expect(fast.labels.map((l) => l.label)).toEqual(slow.map((l) => l.label));
      fast.labels.forEach((l, i) => {
        expect(l.observed).toBeCloseTo(slow[i]!.observed, 12);
        expect(l.expected).toBeCloseTo(slow[i]!.expected, 12);
      });
    }
  });

  it("over several stretches, equals the plain computation on them laid end to end (gaps join across)", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const R = 2 + (seed % 3);
      const lengths = [20 + (seed % 7), 5, 40 + seed, 1 + (seed % 4)];
      const units = study(seed * 7, lengths, R);
      const stretches = lengths.map(
        (length, i) =>
          prepareStretch(
            units.filter((u) => u.stretch === i),
            (u) => u.rater,
            0,
            length,
            R,
          ).stretch,
      );
      const offsets = lengths.map((_, i) => lengths.slice(0, i).reduce((s, x) => s + x, 0));
      const joined = units
        .map((u) => ({
          ...u,
          start: offsets[u.stretch]! + Math.max(0, u.start),
          end: offsets[u.stretch]! + Math.min(lengths[u.stretch]!, u.end),
        }))
        .filter((u) => u.end > u.start);
      const L = lengths.reduce((s, x) => s + x, 0);
      const raters = Array.from({ length: R }, (_, r) => r);
      const fast = stretchAlpha(stretches, raters);
      const slow = naive(joined, L, R);
      expect(fast.labels.map((l) => l.label)).toEqual(slow.map((l) => l.label));
      fast.labels.forEach((l, i) => {
        expect(l.observed).toBeCloseTo(slow[i]!.observed, 12);
        expect(l.expected).toBeCloseTo(slow[i]!.expected, 12);
      });
      // The same stretches for a pair only: cached pair sums give the pair's own figures.
      const pair = stretchAlpha(stretches, [0, R - 1]);
      const slowPair = naive(
        joined.filter((u) => u.rater === 0 || u.rater === R - 1).map((u) => ({ ...u, rater: u.rater === 0 ? 0 : 1 })),
        L,
        2,
      );
      pair.labels.forEach((l, i) => expect(l.observed).toBeCloseTo(slowPair[i]!.observed, 12));
    }
  });

  it("uses sorted lengths instead of a histogram for very long units, with the same result", () => {
    const L = 400_000;
    const units: Unit[] = [
      { rater: 0, start: 10, end: 100_010, label: "X" },
      { rater: 1, start: 20, end: 100_000, label: "X" },
      { rater: 1, start: 200_000, end: 200_005, label: "X" },
    ];
    const fast = unitizingAlpha({ length: L, raters: 2, units });
    const slow = naive(units, L, 2);
    expect(fast.labels[0]!.observed).toBeCloseTo(slow[0]!.observed, 12);
    expect(fast.labels[0]!.expected / slow[0]!.expected).toBeCloseTo(1, 12);
  });
});

describe("agreementReport on input of many object shapes", () => {
  it("gives the same figures whatever the spans' hidden classes", () => {
    const base: AgreementSpan[] = [
      {
        articleId: "a",
        annotatorId: "x",
        start: 0,
        end: 4,
        label: "PER",
        kind: "ENTITY",
        entityId: "e",
        claimId: null,
        verdict: null,
      },
      {
        articleId: "a",
        annotatorId: "y",
        start: 1,
        end: 4,
        label: "PER",
        kind: "ENTITY",
        entityId: "e",
        claimId: null,
        verdict: null,
      },
    ];
    const input = {
      articles: [{ id: "a", storyKey: "s", language: "en", length: 10, annotators: ["x", "y"] }],
      annotators: [
        { id: "x", name: "X" },
        { id: "y", name: "Y" },
      ],
    };
    const plain = agreementReport({ ...input, spans: base });
    const odd = agreementReport({
      ...input,
      spans: base.map((s, i) => Object.assign(i ? { extra: 1 } : {}, { ...s })),
    });
    expect(odd).toEqual(plain);
  });
});
