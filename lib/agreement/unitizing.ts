/**
 * Krippendorff's unitizing alpha (α_u) over a continuum of code points, per
 * label and overall, following Krippendorff (1995, "On the reliability of
 * unitizing contiguous data") and Krippendorff (2004, Content Analysis, 2nd
 * ed., §12.4) in the form DKPro Agreement computes it
 * (KrippendorffAlphaUnitizingAgreement):
 *
 * - Each annotator's continuum is cut, per label, into that annotator's units
 *   and the gaps between them.
 * - Observed disagreement D_o(c) sums, over every pair of annotators and every
 *   pair of their intersecting segments, the squared distance: two units
 *   differ by (Δbegin)² + (Δend)²; a unit inside the other annotator's gap
 *   costs its length²; anything else costs nothing. Scaled by 2 / (R(R−1)L²).
 * - Expected disagreement D_e(c) considers every placement of the units of
 *   label c within the gaps any annotator left (all annotators' units of c
 *   and all annotators' gaps for c).
 * - α_u(c) = 1 − D_o(c)/D_e(c); overall α_u = 1 − mean D_o / mean D_e over
 *   the labels that occur.
 *
 * One annotator's units of one label must not overlap for the measure to be
 * defined; overlapping ones are merged into their union first (and counted,
 * so a report can say so). Units touching end to start stay separate.
 */
import { chanceCorrected, undefinedBecause, type Coefficient } from "./coefficient";

export interface Unit {
  /** 0-based index of the annotator, below `raters`. */
  rater: number;
  /** Code-point offsets in the continuum, end excluded. */
  start: number;
  end: number;
  label: string;
}

export interface UnitizingStudy {
  /** Where the continuum begins (code-point offset) and how long it is. */
  begin?: number;
  length: number;
  /** How many annotators; those without units count (as having marked nothing). */
  raters: number;
  units: readonly Unit[];
}

export interface LabelAlpha {
  label: string;
  alpha: Coefficient;
  observed: number;
  expected: number;
  /** Units of this label after merging each annotator's overlapping units. */
  units: number;
}

export interface UnitizingResult {
  alpha: Coefficient;
  labels: LabelAlpha[];
  /** Units that overlapped another unit of the same annotator and label and were merged into it. */
  merged: number;
  /** Units (partly) outside the continuum, clipped or dropped. */
  clipped: number;
}

export interface Segment {
  start: number;
  end: number;
  unit: boolean;
}

const NEEDS_TWO = "needs at least two annotators";

/** Krippendorff's α_u for every label of the study and over all of them. */
export function unitizingAlpha(study: UnitizingStudy): UnitizingResult {
  const begin = study.begin ?? 0;
  const { length: L, raters: R } = study;
  const { byLabel, merged, clipped } = prepare(study.units, begin, begin + L, R);
  const labels: LabelAlpha[] = [];
  for (const [label, perRater] of [...byLabel].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const segments = perRater.map((units) => segment(units, begin, begin + L));
    const observed = observedDisagreement(segments, L);
    const expected = expectedDisagreement(perRater, segments, L);
    const alpha = R < 2 ? undefinedBecause(NEEDS_TWO) : chanceCorrected(observed, expected, "no room for disagreement");
    labels.push({ label, alpha, observed, expected, units: perRater.reduce((n, u) => n + u.length, 0) });
  }
  let alpha: Coefficient;
  if (R < 2) alpha = undefinedBecause(NEEDS_TWO);
  else if (!(L > 0)) alpha = undefinedBecause("the text is empty");
  else if (labels.length === 0) alpha = undefinedBecause("no annotator marked anything");
  else {
    const mean = (f: (l: LabelAlpha) => number) => labels.reduce((s, l) => s + f(l), 0) / labels.length;
    alpha = chanceCorrected(
      mean((l) => l.observed),
      mean((l) => l.expected),
      "no room for disagreement",
    );
  }
  return { alpha, labels, merged, clipped };
}

/** Units per label per annotator, clipped to the continuum, sorted, overlaps merged. */
function prepare(units: readonly Unit[], lo: number, hi: number, R: number) {
  const byLabel = new Map<string, Unit[][]>();
  let clipped = 0;
  for (const u of units) {
    if (!Number.isInteger(u.rater) || u.rater < 0 || u.rater >= R) {
      throw new RangeError(`unit of annotator ${u.rater} outside 0..${R - 1}`);
    }
    const start = Math.max(u.start, lo);
    const end = Math.min(u.end, hi);
    if (start !== u.start || end !== u.end) clipped++;
    if (end <= start) continue;
    let perRater = byLabel.get(u.label);
    if (!perRater) byLabel.set(u.label, (perRater = Array.from({ length: R }, () => [])));
    // A copy of its own: merging below changes it in place.
    perRater[u.rater]!.push({ rater: u.rater, start, end, label: u.label });
  }
  let merged = 0;
  for (const perRater of byLabel.values()) {
    for (let r = 0; r < R; r++) {
      const sorted = perRater[r]!.sort((a, b) => a.start - b.start || a.end - b.end);
      const out: Unit[] = [];
      for (const u of sorted) {
        const last = out[out.length - 1];
        if (last && u.start < last.end) {
          last.end = Math.max(last.end, u.end);
          merged++;
        } else out.push(u);
      }
      perRater[r] = out;
    }
  }
  return { byLabel, merged, clipped };
}

/** One annotator's continuum as alternating gaps and units (no empty gaps). */
function segment(units: readonly Unit[], lo: number, hi: number): Segment[] {
  const out: Segment[] = [];
  let pos = lo;
  for (const u of units) {
    if (u.start > pos) out.push({ start: pos, end: u.start, unit: false });
    out.push({ start: u.start, end: u.end, unit: true });
    pos = u.end;
  }
  if (pos < hi) out.push({ start: pos, end: hi, unit: false });
  return out;
}

/** The squared distance between two intersecting segments of two annotators. */
export function segmentDistance(a: Segment, b: Segment): number {
  if (a.unit && b.unit) return (a.start - b.start) ** 2 + (a.end - b.end) ** 2;
  if (a.unit && !b.unit) return b.start <= a.start && a.end <= b.end ? (a.end - a.start) ** 2 : 0;
  if (!a.unit && b.unit) return a.start <= b.start && b.end <= a.end ? (b.end - b.start) ** 2 : 0;
  return 0;
}

function observedDisagreement(segments: Segment[][], L: number): number {
  const R = segments.length;
  if (R < 2 || L <= 0) return 0;
  let sum = 0;
  for (let r1 = 0; r1 < R; r1++) {
    for (let r2 = r1 + 1; r2 < R; r2++) {
      const a = segments[r1]!;
      const b = segments[r2]!;
      let i = 0;
      let j = 0;
      // Every intersecting pair of segments, once: advance whichever ends first.
      while (i < a.length && j < b.length) {
        const s = a[i]!;
        const t = b[j]!;
        sum += segmentDistance(s, t);
        if (s.end < t.end) i++;
        else if (t.end < s.end) j++;
        else {
          i++;
          j++;
        }
      }
    }
  }
  return (2 * sum) / (R * (R - 1) * L * L);
}

function expectedDisagreement(perRater: Unit[][], segments: Segment[][], L: number): number {
  const R = perRater.length;
  if (R < 2 || L <= 0) return 0;
  const lengths = perRater.flatMap((units) => units.map((u) => u.end - u.start));
  const N = lengths.length;
  // Gaps of every annotator, ascending, with suffix sums: Σ_{g ≥ l} (g − l + 1)
  // is (sum of those gaps) − count·(l − 1), found by binary search.
  const gaps = segments
    .flatMap((segs) => segs.filter((s) => !s.unit).map((s) => s.end - s.start))
    .sort((x, y) => x - y);
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gaps[k]!;
  let total = 0;
  let squaredLengths = 0;
  for (const l of lengths) {
    squaredLengths += l * (l - 1);
    let lo = 0;
    let hi = gaps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]! >= l) hi = mid;
      else lo = mid + 1;
    }
    const fits = gaps.length - lo;
    const placements = suffix[lo]! - fits * (l - 1);
    total += ((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * placements;
  }
  const denominator = R * L * (R * L - 1) - squaredLengths;
  return denominator > 0 ? ((2 / L) * total) / denominator : 0;
}
