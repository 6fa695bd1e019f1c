/**
 * Span matching between two annotators: one-to-one pairs of spans with the same
 * label in the same document, either at exactly the same offsets or merely
 * overlapping (pairs chosen greedily by largest overlap, then closest
 * boundaries). Precision is the share of A's spans found in B, recall the
 * share of B's spans found in A, F1 their harmonic mean (2·matched/(|A|+|B|)).
 */
import { ratio, type Coefficient } from "./coefficient";

export interface MatchSpan {
  /** The document (article) the offsets refer to. */
  doc: string;
  start: number;
  end: number;
  label: string;
}

export type MatchMode = "exact" | "overlap";

export interface SpanMatching<S extends MatchSpan> {
  mode: MatchMode;
  /** Spans of A and of B (the positions each used). */
  a: number;
  b: number;
  /** Pairs found: [span of A, span of B]. */
  pairs: [S, S][];
  precision: Coefficient;
  recall: Coefficient;
  f1: Coefficient;
}

/** A's and B's spans per document and label (nested maps: no string keys built per span). */
function grouped<S extends MatchSpan>(a: readonly S[], b: readonly S[]): { a: S[]; b: S[] }[] {
  const docs = new Map<string, Map<string, { a: S[]; b: S[] }>>();
  const all: { a: S[]; b: S[] }[] = [];
  const group = (s: S) => {
    let labels = docs.get(s.doc);
    if (!labels) docs.set(s.doc, (labels = new Map()));
    let g = labels.get(s.label);
    if (!g) {
      labels.set(s.label, (g = { a: [], b: [] }));
      all.push(g);
    }
    return g;
  };
  for (const s of a) group(s).a.push(s);
  for (const s of b) group(s).b.push(s);
  return all;
}

/** One number for a span's offsets within a group (lengths up to 2^16, else a string). */
const offsetsKey = (s: MatchSpan): number | string =>
  s.end - s.start < 65536 ? s.start * 65536 + (s.end - s.start) : `${s.start}:${s.end}`;

/** Match A's spans against B's. */
export function matchSpans<S extends MatchSpan>(a: readonly S[], b: readonly S[], mode: MatchMode): SpanMatching<S> {
  const pairs = (mode === "exact" ? exactPairs(a, b) : overlapPairs(a, b)).sort(([x], [y]) =>
    x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : x.start - y.start || x.end - y.end,
  );
  const m = pairs.length;
  return {
    mode,
    a: a.length,
    b: b.length,
    pairs,
    precision: ratio(m, a.length, "the first annotator marked no span"),
    recall: ratio(m, b.length, "the second annotator marked no span"),
    f1: ratio(2 * m, a.length + b.length, "neither annotator marked a span"),
  };
}

function exactPairs<S extends MatchSpan>(a: readonly S[], b: readonly S[]): [S, S][] {
  const pairs: [S, S][] = [];
  for (const g of grouped(a, b)) {
    if (g.a.length === 0 || g.b.length === 0) continue;
    const waiting = new Map<number | string, S[]>();
    for (const s of g.b) {
      const k = offsetsKey(s);
      const list = waiting.get(k);
      if (list) list.push(s);
      else waiting.set(k, [s]);
    }
    for (const s of g.a) {
      const list = waiting.get(offsetsKey(s));
      if (list?.length) pairs.push([s, list.shift()!]);
    }
  }
  return pairs;
}

function overlapPairs<S extends MatchSpan>(a: readonly S[], b: readonly S[]): [S, S][] {
  const pairs: [S, S][] = [];
  for (const g of grouped(a, b)) {
    if (g.a.length === 0 || g.b.length === 0) continue;
    // Candidate pairs by a sweep over both lists by start: a span starting
    // overlaps exactly the other side's spans still open at that point.
    const as = [...g.a].sort((x, y) => x.start - y.start);
    const bs = [...g.b].sort((x, y) => x.start - y.start);
    const candidates: { i: number; j: number; overlap: number; shift: number }[] = [];
    const consider = (i: number, j: number) => {
      const s = as[i]!;
      const t = bs[j]!;
      const overlap = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      if (overlap > 0) candidates.push({ i, j, overlap, shift: Math.abs(s.start - t.start) + Math.abs(s.end - t.end) });
    };
    let openA: number[] = [];
    let openB: number[] = [];
    let i = 0;
    let j = 0;
    while (i < as.length || j < bs.length) {
      const takeA = j >= bs.length || (i < as.length && as[i]!.start <= bs[j]!.start);
      const pos = takeA ? as[i]!.start : bs[j]!.start;
      openA = openA.filter((x) => as[x]!.end > pos);
      openB = openB.filter((y) => bs[y]!.end > pos);
      if (takeA) {
        for (const y of openB) consider(i, y);
        openA.push(i++);
      } else {
        for (const x of openA) consider(x, j);
        openB.push(j++);
      }
    }
    candidates.sort((x, y) => y.overlap - x.overlap || x.shift - y.shift || x.i - y.i || x.j - y.j);
    const usedA = new Uint8Array(as.length);
    const usedB = new Uint8Array(bs.length);
    for (const c of candidates) {
      if (usedA[c.i] || usedB[c.j]) continue;
      usedA[c.i] = usedB[c.j] = 1;
      pairs.push([as[c.i]!, bs[c.j]!]);
    }
  }
  return pairs;
}
