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

/** What matching compares within one document. */
export type Ranged = Pick<MatchSpan, "start" | "end" | "label">;

export interface SpanMatching<S extends Ranged> {
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

/**
 * One annotator's spans per document and label, each list sorted by start then
 * end (stably: duplicates keep their order). Built once per annotator, it
 * serves every pair that annotator is in.
 */
export type SpanIndex<S extends Ranged> = Map<string, Map<string, S[]>>;

export function indexSpans<S extends Ranged>(spans: Iterable<S>, docOf: (span: S) => string): SpanIndex<S> {
  const index: SpanIndex<S> = new Map();
  for (const s of spans) {
    const doc = docOf(s);
    let labels = index.get(doc);
    if (!labels) index.set(doc, (labels = new Map()));
    const list = labels.get(s.label);
    if (list) list.push(s);
    else labels.set(s.label, [s]);
  }
  for (const labels of index.values()) {
    for (const list of labels.values()) list.sort((x, y) => x.start - y.start || x.end - y.end);
  }
  return index;
}

/** Match A's spans against B's. */
export function matchSpans<S extends MatchSpan>(a: readonly S[], b: readonly S[], mode: MatchMode): SpanMatching<S> {
  const docOf = (s: S) => s.doc;
  const result = matchIndexed(indexSpans(a, docOf), indexSpans(b, docOf), null, mode);
  result.pairs.sort(([x], [y]) => (x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : x.start - y.start || x.end - y.end));
  return result;
}

/**
 * Match indexed spans, in the given documents only (null: all). Pairs come
 * document by document, in no particular order within one.
 */
export function matchIndexed<S extends Ranged>(
  a: SpanIndex<S>,
  b: SpanIndex<S>,
  docs: readonly string[] | null,
  mode: MatchMode,
): SpanMatching<S> {
  const pairs: [S, S][] = [];
  let na = 0;
  let nb = 0;
  const count = (labels: Map<string, S[]> | undefined) => {
    let n = 0;
    for (const list of labels?.values() ?? []) n += list.length;
    return n;
  };
  for (const doc of docs ?? new Set([...a.keys(), ...b.keys()])) {
    const la = a.get(doc);
    const lb = b.get(doc);
    na += count(la);
    nb += count(lb);
    if (!la || !lb) continue;
    for (const [label, as] of la) {
      const bs = lb.get(label);
      if (!bs) continue;
      if (mode === "exact") exactPairs(as, bs, pairs);
      else overlapPairs(as, bs, pairs);
    }
  }
  const m = pairs.length;
  return {
    mode,
    a: na,
    b: nb,
    pairs,
    precision: ratio(m, na, "the first annotator marked no span"),
    recall: ratio(m, nb, "the second annotator marked no span"),
    f1: ratio(2 * m, na + nb, "neither annotator marked a span"),
  };
}

/** Pairs at equal offsets by a merge walk over both sorted lists (the k-th duplicate with the k-th). */
function exactPairs<S extends Ranged>(as: readonly S[], bs: readonly S[], pairs: [S, S][]) {
  let i = 0;
  let j = 0;
  while (i < as.length && j < bs.length) {
    const s = as[i]!;
    const t = bs[j]!;
    const order = s.start - t.start || s.end - t.end;
    if (order < 0) i++;
    else if (order > 0) j++;
    else {
      pairs.push([s, t]);
      i++;
      j++;
    }
  }
}

/**
 * One-to-one pairs of overlapping spans, largest overlap first, then closest
 * boundaries. Candidates come from a sweep over both lists by start: a span
 * starting overlaps exactly the other side's spans still open at that point.
 */
function overlapPairs<S extends Ranged>(as: readonly S[], bs: readonly S[], pairs: [S, S][]) {
  const candidates: { i: number; j: number; overlap: number; shift: number }[] = [];
  const consider = (i: number, j: number) => {
    const s = as[i]!;
    const t = bs[j]!;
    const overlap = Math.min(s.end, t.end) - Math.max(s.start, t.start);
    if (overlap > 0) candidates.push({ i, j, overlap, shift: Math.abs(s.start - t.start) + Math.abs(s.end - t.end) });
  };
  // Spans open at the sweep's position, A's and B's, compacted in place as they close.
  const openA: number[] = [];
  const openB: number[] = [];
  let nA = 0;
  let nB = 0;
  let i = 0;
  let j = 0;
  while (i < as.length || j < bs.length) {
    const takeA = j >= bs.length || (i < as.length && as[i]!.start <= bs[j]!.start);
    const pos = takeA ? as[i]!.start : bs[j]!.start;
    let kept = 0;
    for (let k = 0; k < nA; k++) if (as[openA[k]!]!.end > pos) openA[kept++] = openA[k]!;
    nA = kept;
    kept = 0;
    for (let k = 0; k < nB; k++) if (bs[openB[k]!]!.end > pos) openB[kept++] = openB[k]!;
    nB = kept;
    if (takeA) {
      for (let k = 0; k < nB; k++) consider(i, openB[k]!);
      openA[nA++] = i++;
    } else {
      for (let k = 0; k < nA; k++) consider(openA[k]!, j);
      openB[nB++] = j++;
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
