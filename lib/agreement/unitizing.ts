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
 *
 * A report asks for α_u over many groups of the same texts (each article, each
 * language, the whole story, every pair of annotators), so the work is split:
 * each stretch of the continuum (an article) is prepared once — units sorted
 * and merged, cut into segments — and a group's figures are assembled from its
 * stretches. D_o adds up stretch by stretch (a unit never crosses a stretch's
 * end; a gap that does costs nothing against a gap), with each pair of
 * annotators' sum kept for the next group; D_e needs the group's gaps, whose
 * ends join across stretches, and its unit lengths sorted once per label.
 * Every sum is a sum of integers, exact below 2^53, so the figures do not
 * depend on where the continuum was cut.
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

/** One annotator's units of one label within a stretch, offsets relative to the stretch. */
interface Track {
  /** Segment k runs from bounds[k] to bounds[k + 1]; isUnit[k] tells a unit from a gap. */
  bounds: Float64Array;
  isUnit: Uint8Array;
  units: number;
  merged: number;
  lengths: number[];
  longest: number;
  /** Σ l(l−1)(2l−1)/3 and Σ l(l−1) over the unit lengths l (integers). */
  cubic: number;
  squared: number;
}

/** A piece of the continuum (one article) prepared once for every group that includes it. */
export interface Stretch {
  length: number;
  raters: number;
  /** Per label, per annotator (undefined: marked nothing of that label here). */
  tracks: Map<string, (Track | undefined)[]>;
  /** Observed-disagreement sums per label and pair of annotators (r1·R + r2), filled on demand. */
  pairSums: Map<string, Float64Array>;
}

const NEEDS_TWO = "needs at least two annotators";
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Krippendorff's α_u for every label of the study and over all of them. */
export function unitizingAlpha(study: UnitizingStudy): UnitizingResult {
  const R = study.raters;
  const raterOf = (u: Unit) => {
    if (!Number.isInteger(u.rater) || u.rater < 0 || u.rater >= R) {
      throw new RangeError(`unit of annotator ${u.rater} outside 0..${R - 1}`);
    }
    return u.rater;
  };
  const { stretch, clipped } = prepareStretch(study.units, raterOf, study.begin ?? 0, study.length, R);
  const all = Array.from({ length: R }, (_, r) => r);
  return { ...stretchAlpha([stretch], all), clipped };
}

type Ranged = Pick<Unit, "start" | "end" | "label">;

/**
 * Prepares the units of [begin, begin + length) for α_u: clipped to it, per
 * label and annotator (`raterOf` below `raters`; undefined leaves a unit out),
 * sorted, overlaps merged, cut into gaps and units.
 */
export function prepareStretch<U extends Ranged>(
  units: readonly U[],
  raterOf: (unit: U) => number | undefined,
  begin: number,
  length: number,
  raters: number,
): { stretch: Stretch; clipped: number } {
  const end = begin + length;
  // Per label, per annotator: starts and ends side by side (no object per unit).
  const byLabel = new Map<string, { starts: number[]; ends: number[] }[]>();
  let clipped = 0;
  for (const u of units) {
    const r = raterOf(u);
    if (r === undefined) continue;
    const s = Math.max(u.start, begin);
    const e = Math.min(u.end, end);
    if (s !== u.start || e !== u.end) clipped++;
    if (e <= s) continue;
    let perRater = byLabel.get(u.label);
    if (!perRater) {
      perRater = Array.from({ length: raters }, () => ({ starts: [], ends: [] }));
      byLabel.set(u.label, perRater);
    }
    perRater[r]!.starts.push(s - begin);
    perRater[r]!.ends.push(e - begin);
  }
  const tracks = new Map<string, (Track | undefined)[]>();
  for (const [label, perRater] of byLabel) {
    tracks.set(
      label,
      perRater.map(({ starts, ends }) => (starts.length ? track(starts, ends, length) : undefined)),
    );
  }
  return { stretch: { length, raters, tracks, pairSums: new Map() }, clipped };
}

function track(rawStarts: number[], rawEnds: number[], length: number): Track {
  let starts = rawStarts;
  let ends = rawEnds;
  let sorted = true;
  for (let k = 1; k < starts.length && sorted; k++) {
    sorted = starts[k - 1]! < starts[k]! || (starts[k - 1] === starts[k] && ends[k - 1]! <= ends[k]!);
  }
  if (!sorted) {
    const order = starts.map((_, k) => k).sort((x, y) => rawStarts[x]! - rawStarts[y]! || rawEnds[x]! - rawEnds[y]!);
    starts = order.map((k) => rawStarts[k]!);
    ends = order.map((k) => rawEnds[k]!);
  }
  const bounds: number[] = [0];
  const isUnit: number[] = [];
  const lengths: number[] = [];
  let merged = 0;
  let cubic = 0;
  let squared = 0;
  let longest = 0;
  // Overlapping units merge into their union (touching ones stay apart); then
  // the stretch is cut into alternating gaps and units.
  for (let k = 0; k < starts.length;) {
    const s = starts[k]!;
    let e = ends[k]!;
    for (k++; k < starts.length && starts[k]! < e; k++) {
      if (ends[k]! > e) e = ends[k]!;
      merged++;
    }
    if (s > bounds[bounds.length - 1]!) {
      bounds.push(s);
      isUnit.push(0);
    }
    bounds.push(e);
    isUnit.push(1);
    const l = e - s;
    lengths.push(l);
    cubic += (l * (l - 1) * (2 * l - 1)) / 3;
    squared += l * (l - 1);
    if (l > longest) longest = l;
  }
  if (bounds[bounds.length - 1]! < length) {
    bounds.push(length);
    isUnit.push(0);
  }
  return {
    bounds: Float64Array.from(bounds),
    isUnit: Uint8Array.from(isUnit),
    units: lengths.length,
    merged,
    lengths,
    longest,
    cubic,
    squared,
  };
}

/**
 * α_u of the given annotators (indices into each stretch's) over the stretches
 * laid end to end in the order given.
 */
export function stretchAlpha(
  stretches: readonly Stretch[],
  raters: readonly number[],
): Omit<UnitizingResult, "clipped"> {
  const R = raters.length;
  const L = stretches.reduce((n, s) => n + s.length, 0);
  const present = new Set<string>();
  for (const s of stretches) {
    for (const [label, perRater] of s.tracks) if (raters.some((r) => perRater[r])) present.add(label);
  }
  const labels: LabelAlpha[] = [];
  let merged = 0;
  for (const label of [...present].sort(byString)) {
    const figures = labelFigures(stretches, raters, label, L);
    merged += figures.merged;
    const alpha =
      R < 2
        ? undefinedBecause(NEEDS_TWO)
        : chanceCorrected(figures.observed, figures.expected, "no room for disagreement");
    labels.push({ label, alpha, observed: figures.observed, expected: figures.expected, units: figures.units });
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
  return { alpha, labels, merged };
}

function labelFigures(stretches: readonly Stretch[], raters: readonly number[], label: string, L: number) {
  const R = raters.length;
  let units = 0;
  let merged = 0;
  let cubic = 0;
  let squared = 0;
  let sum = 0;
  const tracks: Track[] = [];
  for (const s of stretches) {
    const perRater = s.tracks.get(label);
    if (!perRater) continue;
    for (let x = 0; x < R; x++) {
      const t = perRater[raters[x]!];
      if (!t) continue;
      units += t.units;
      merged += t.merged;
      cubic += t.cubic;
      squared += t.squared;
      tracks.push(t);
    }
    for (let x = 0; x < R; x++) {
      for (let y = x + 1; y < R; y++) sum += pairSum(s, label, raters[x]!, raters[y]!);
    }
  }
  if (R < 2 || !(L > 0)) return { observed: 0, expected: 0, units, merged };
  const observed = (2 * sum) / (R * (R - 1) * L * L);

  // Σ over units l and gaps g ≥ l of l²(g − l + 1) = Σ over gaps of (g + 1)·Σ l² − Σ l³
  // over the units no longer than g.
  const upTo = lengthSums(tracks);
  let cross = 0;
  const gap = (g: number) => {
    const k = upTo.find(g);
    cross += (g + 1) * upTo.squares[k]! - upTo.cubes[k]!;
  };
  // Each annotator's gaps over the joined stretches: a gap at a stretch's end runs on into the next.
  for (const r of raters) {
    let open = 0;
    for (const s of stretches) {
      const t = s.tracks.get(label)?.[r];
      if (!t) {
        open += s.length;
        continue;
      }
      const { bounds, isUnit } = t;
      for (let k = 0; k < isUnit.length; k++) {
        if (isUnit[k]) {
          if (open > 0) gap(open);
          open = 0;
        } else open += bounds[k + 1]! - bounds[k]!;
      }
    }
    if (open > 0) gap(open);
  }
  const total = (units - 1) * cubic + cross;
  const denominator = R * L * (R * L - 1) - squared;
  const expected = denominator > 0 ? ((2 / L) * total) / denominator : 0;
  return { observed, expected, units, merged };
}

/** Up to this unit length, running sums are kept per length (a histogram); beyond, over sorted lengths. */
const HISTOGRAM_UP_TO = 1 << 16;

/**
 * Running sums of l² and l³ over the units' lengths l, ascending: squares[k]
 * and cubes[k] sum the units no longer than g, for k = find(g).
 */
function lengthSums(tracks: readonly Track[]) {
  const longest = tracks.reduce((m, t) => Math.max(m, t.longest), 0);
  if (longest <= HISTOGRAM_UP_TO) {
    const squares = new Float64Array(longest + 1);
    const cubes = new Float64Array(longest + 1);
    for (const t of tracks) {
      for (const l of t.lengths) {
        squares[l] = squares[l]! + l * l;
        cubes[l] = cubes[l]! + l * l * l;
      }
    }
    for (let l = 1; l <= longest; l++) {
      squares[l] = squares[l]! + squares[l - 1]!;
      cubes[l] = cubes[l]! + cubes[l - 1]!;
    }
    return { squares, cubes, find: (g: number) => Math.min(g, longest) };
  }
  const sorted = Float64Array.from(tracks.flatMap((t) => t.lengths)).sort();
  const distinct: number[] = [];
  const squares: number[] = [0];
  const cubes: number[] = [0];
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < sorted.length; k++) {
    const l = sorted[k]!;
    s2 += l * l;
    s3 += l * l * l;
    if (sorted[k + 1] !== l) {
      distinct.push(l);
      squares.push(s2);
      cubes.push(s3);
    }
  }
  const find = (g: number) => {
    let lo = 0;
    let hi = distinct.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! <= g) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { squares, cubes, find };
}

/** Σ of squared distances between two annotators' intersecting segments of one label in one stretch. */
function pairSum(s: Stretch, label: string, r1: number, r2: number): number {
  const perRater = s.tracks.get(label)!;
  const a = perRater[r1];
  const b = perRater[r2];
  if (!a && !b) return 0;
  let cache = s.pairSums.get(label);
  if (!cache) s.pairSums.set(label, (cache = new Float64Array(s.raters * s.raters).fill(-1)));
  const key = r1 * s.raters + r2;
  if (cache[key]! >= 0) return cache[key]!;
  let sum = 0;
  if (!a || !b) {
    // Against a stretch-long gap every unit costs its length².
    for (const l of (a ?? b)!.lengths) sum += l * l;
  } else {
    const { bounds: ab, isUnit: au } = a;
    const { bounds: bb, isUnit: bu } = b;
    let i = 0;
    let j = 0;
    // Every intersecting pair of segments, once: advance whichever ends first.
    while (i < au.length && j < bu.length) {
      const ae = ab[i + 1]!;
      const be = bb[j + 1]!;
      sum += distance(ab[i]!, ae, au[i] === 1, bb[j]!, be, bu[j] === 1);
      if (ae < be) i++;
      else if (be < ae) j++;
      else {
        i++;
        j++;
      }
    }
  }
  cache[key] = sum;
  return sum;
}

/** The squared distance between two intersecting segments of two annotators. */
export function segmentDistance(a: Segment, b: Segment): number {
  return distance(a.start, a.end, a.unit, b.start, b.end, b.unit);
}

function distance(as: number, ae: number, au: boolean, bs: number, be: number, bu: boolean): number {
  if (au && bu) return (as - bs) ** 2 + (ae - be) ** 2;
  if (au && !bu) return bs <= as && ae <= be ? (ae - as) ** 2 : 0;
  if (!au && bu) return as <= bs && be <= ae ? (be - bs) ** 2 : 0;
  return 0;
}
