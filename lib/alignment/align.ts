/**
 * Paragraph alignment between two language versions of a story, after Gale
 * & Church (1993, "A program for aligning sentences in bilingual corpora"):
 * a dynamic programme over the two paragraph sequences, in order, where each
 * step ("bead") pairs 1–1, 1–2, 2–1, 2–2 paragraphs or leaves one
 * unmatched (1–0, 0–1). A bead costs less the more its lengths agree with
 * the expected length ratio between the two texts (a normal model of the
 * length difference), plus a penalty for the rarer shapes.
 *
 * Two changes for news pages, where one version often carries boilerplate
 * the other lacks (datelines, tags, newsletter blurbs): unmatched paragraphs
 * cost by position rather than length — opening a run of them costs more
 * than extending one (affine gaps), so boilerplate is left out in blocks —
 * and a very short unmatched line costs less than a long one. And the length
 * ratio is not assumed but found: the alignment is computed for a range of
 * ratios around the ratio of the totals, and the cheapest one wins (Chinese
 * takes fewer characters than English for the same content).
 *
 * An editor's corrections are hard constraints: a corrected group of
 * paragraphs is one bead, and the automatic alignment fills in around it.
 */

export interface Bead {
  /** Paragraph indices in A and in B (0, 1 or 2 of each; more for an editor's bead). */
  a: number[];
  b: number[];
  source: "auto" | "editor";
}

/** Stored correction: [indexInA, indexInB]; null on one side marks a paragraph without counterpart. */
export type AlignmentPair = [number | null, number | null];

export interface AlignmentResult {
  beads: Bead[];
  /** Corrections that could not be used (out of range, or crossing an earlier one). */
  ignored: AlignmentPair[];
}

// Gale & Church's penalties for the 2-paragraph shapes (−100·log of their prior relative to 1–1).
const SHAPES: { da: number; db: number; penalty: number }[] = [
  { da: 1, db: 1, penalty: 0 },
  { da: 1, db: 0, penalty: 0 },
  { da: 0, db: 1, penalty: 0 },
  { da: 2, db: 1, penalty: 230 },
  { da: 1, db: 2, penalty: 230 },
  { da: 2, db: 2, penalty: 440 },
];
/** Opening a run of unmatched paragraphs, and each unmatched paragraph (full cost from SHORT code points). */
const GAP_OPEN = 300;
const GAP_EXTEND = 150;
const SHORT = 60;
/** Variance of the length difference per character (Gale & Church: 6.8), scaled by the ratio. */
const VARIANCE = 6.8;
/** Ratios tried, as powers of 2 around the ratio of the totals: 2^(k/8) for k in this range. */
const RATIO_STEPS = { from: -12, to: 8 };
/**
 * The search keeps to a band around the diagonal by length and the line
 * through the editor's beads: this many paragraphs either side, and at least `min`, so that long
 * runs of boilerplate on one side still fit. Texts shorter than that are
 * searched whole.
 */
const WIDE_BAND = { min: 64, share: 0.05 };
/** Half-width of the band around the first path in which the other ratios are tried. */
const NARROW_BAND = 4;

/**
 * Aligns paragraphs of lengths `a` and `b` (code points), honouring `corrections`.
 */
export function alignParagraphs(
  a: readonly number[],
  b: readonly number[],
  corrections: readonly AlignmentPair[] = [],
): AlignmentResult {
  const { fixed, ignored } = fixedBeads(corrections, a.length, b.length);
  const n = a.length;
  const m = b.length;
  const totalA = sum(a);
  const totalB = sum(b);
  const base = totalA > 0 && totalB > 0 ? totalB / totalA : 1;
  const ratioAt = (k: number) => base * 2 ** (k / 8);
  const anchors = anchorsOf(fixed);
  const halfWidth = wideHalfWidth(n, m);
  const whole = halfWidth >= Math.max(n, m);
  const wide = whole ? fullBand(n, m) : bandAround(n, m, [anchors, lengthDiagonal(a, b)], halfWidth);
  const solve = (k: number, band: Band) => {
    const result = search(a, b, ratioAt(k), fixed, band);
    // A band too narrow for the editor's beads: search everything.
    return result.cost < Infinity ? result : search(a, b, ratioAt(k), fixed, fullBand(n, m));
  };
  // The ratio is chosen on a cheap pass: a narrow band around the path found
  // at the ratio of the totals (every cell when the texts are short).
  const first = solve(0, wide);
  const narrow = whole ? wide : bandAround(n, m, [pathPoints(first.beads)], NARROW_BAND);
  const tried = new Map<number, { cost: number; beads: Bead[] }>();
  const at = (k: number) => {
    let result = tried.get(k);
    if (!result) {
      result = k === 0 && whole ? first : solve(k, narrow);
      tried.set(k, result);
    }
    return result;
  };
  // Coarse steps first, then the neighbours of the best.
  let best = 0;
  for (let k = RATIO_STEPS.from; k <= RATIO_STEPS.to; k += 2) if (at(k).cost < at(best).cost) best = k;
  for (const k of [best - 1, best + 1]) if (at(k).cost < at(best).cost) best = k;
  if (whole) return { beads: at(best).beads, ignored };
  return { beads: best === 0 ? first.beads : solve(best, wide).beads, ignored };
}

/**
 * The stored corrections that cannot be used for texts of `n` and `m`
 * paragraphs (out of range, or crossing an earlier one); no alignment is computed.
 */
export function unusableCorrections(corrections: readonly AlignmentPair[], n: number, m: number): AlignmentPair[] {
  return fixedBeads(corrections, n, m).ignored;
}

interface Fixed {
  /** The editor's beads, in order. */
  beads: Bead[];
  /** For each paragraph of A (and B): the fixed bead it belongs to, if any. */
  ofA: (Bead | undefined)[];
  ofB: (Bead | undefined)[];
}

function fixedBeads(
  corrections: readonly AlignmentPair[],
  n: number,
  m: number,
): { fixed: Fixed; ignored: AlignmentPair[] } {
  const ignored: AlignmentPair[] = [];
  const valid = corrections.filter((p) => {
    const ok =
      Array.isArray(p) &&
      (p[0] !== null || p[1] !== null) &&
      (p[0] === null || (Number.isInteger(p[0]) && p[0] >= 0 && p[0] < n)) &&
      (p[1] === null || (Number.isInteger(p[1]) && p[1] >= 0 && p[1] < m));
    if (!ok) ignored.push(p);
    return ok;
  });
  // Group pairs sharing a paragraph into one bead (union-find over "a:i" / "b:j").
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) {
      const up = parent.get(parent.get(x)!)!;
      parent.set(x, up);
      x = up;
    }
    return x;
  };
  const node = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
    return x;
  };
  for (const [i, j] of valid) {
    const x = i !== null ? node(`a:${i}`) : null;
    const y = j !== null ? node(`b:${j}`) : null;
    if (x && y) parent.set(find(x), find(y));
  }
  const groups = new Map<string, Bead>();
  for (const key of parent.keys()) {
    const root = find(key);
    const bead = groups.get(root) ?? { a: [], b: [], source: "editor" as const };
    const [side, index] = key.split(":") as ["a" | "b", string];
    bead[side].push(Number(index));
    groups.set(root, bead);
  }
  const candidates = [...groups.values()].map((bead) => {
    bead.a.sort((x, y) => x - y);
    bead.b.sort((x, y) => x - y);
    return bead;
  });
  // Keep beads that are contiguous and do not cross one kept before (in order of first paragraph).
  candidates.sort((x, y) => (x.a[0] ?? Infinity) - (y.a[0] ?? Infinity) || (x.b[0] ?? Infinity) - (y.b[0] ?? Infinity));
  const ofA: (Bead | undefined)[] = new Array(n);
  const ofB: (Bead | undefined)[] = new Array(m);
  const kept: Bead[] = [];
  for (const bead of candidates) {
    const contiguous = isRun(bead.a) && isRun(bead.b);
    const crosses = kept.some((k) => crossing(k, bead));
    if (!contiguous || crosses) {
      ignored.push(...pairsOf(bead));
      continue;
    }
    kept.push(bead);
    for (const i of bead.a) ofA[i] = bead;
    for (const j of bead.b) ofB[j] = bead;
  }
  return { fixed: { beads: kept, ofA, ofB }, ignored };
}

/** Two beads cross when one is before the other in A but after it in B. */
function crossing(x: Bead, y: Bead): boolean {
  const before = (p: number[], q: number[]) => p.length === 0 || q.length === 0 || p[p.length - 1]! < q[0]!;
  const after = (p: number[], q: number[]) => p.length === 0 || q.length === 0 || p[0]! > q[q.length - 1]!;
  const xBeforeY = before(x.a, y.a) && before(x.b, y.b);
  const xAfterY = after(x.a, y.a) && after(x.b, y.b);
  return !xBeforeY && !xAfterY;
}

function isRun(xs: number[]): boolean {
  return xs.every((x, k) => k === 0 || x === xs[k - 1]! + 1);
}

/** A bead as stored pairs. */
export function pairsOf(bead: Pick<Bead, "a" | "b">): AlignmentPair[] {
  if (bead.a.length === 0) return bead.b.map((j) => [null, j]);
  if (bead.b.length === 0) return bead.a.map((i) => [i, null]);
  return bead.a.flatMap((i) => bead.b.map((j): AlignmentPair => [i, j]));
}

/** A whole alignment as stored pairs (what an editor's save stores). */
export function toPairs(beads: readonly Pick<Bead, "a" | "b">[]): AlignmentPair[] {
  return beads.flatMap(pairsOf);
}

const MATCH = 0;
const GAP_A = 1;
const GAP_B = 2;

/**
 * The cells a search visits: in row i (paragraphs of A consumed), the
 * columns lo[i]…hi[i] (paragraphs of B consumed), stored row after row.
 */
interface Band {
  lo: Int32Array;
  hi: Int32Array;
  /** Index of cell (i, lo[i]) in the flat arrays. */
  offset: Int32Array;
  size: number;
}

/** Every cell: the full (n+1)×(m+1) search. */
function fullBand(n: number, m: number): Band {
  return bandAround(n, m, [], Infinity);
}

/**
 * The cells within `halfWidth` columns of the monotone path through
 * `points` (from (0, 0) to (n, m), straight lines between points; a row
 * covers the columns its stretch of line crosses).
 */
function bandAround(
  n: number,
  m: number,
  paths: readonly (readonly (readonly [number, number])[])[],
  halfWidth: number,
): Band {
  const lo = new Int32Array(n + 1);
  const hi = new Int32Array(n + 1);
  if (halfWidth >= m) {
    hi.fill(m);
  } else {
    lo.fill(m);
    hi.fill(0);
    const cover = (i: number, j0: number, j1: number) => {
      if (j0 < lo[i]!) lo[i] = j0;
      if (j1 > hi[i]!) hi[i] = j1;
    };
    for (const points of paths) {
      const all = [[0, 0] as const, ...points, [n, m] as const];
      for (let k = 1; k < all.length; k++) {
        const [i0, j0] = all[k - 1]!;
        const [i1, j1] = all[k]!;
        if (i1 < i0 || j1 < j0) continue;
        if (i1 === i0) {
          cover(i0, j0, j1);
          continue;
        }
        for (let i = i0; i <= i1; i++) {
          const here = j0 + ((j1 - j0) * (i - i0)) / (i1 - i0);
          const next = i < i1 ? j0 + ((j1 - j0) * (i + 1 - i0)) / (i1 - i0) : here;
          cover(i, Math.floor(here), Math.ceil(next));
        }
      }
    }
    for (let i = 0; i <= n; i++) {
      lo[i] = Math.max(0, lo[i]! - halfWidth);
      hi[i] = Math.min(m, hi[i]! + halfWidth);
    }
  }
  const offset = new Int32Array(n + 1);
  let size = 0;
  for (let i = 0; i <= n; i++) {
    offset[i] = size;
    size += Math.max(0, hi[i]! - lo[i]! + 1);
  }
  return { lo, hi, offset, size };
}

/** Half-width of the band around the diagonal: room for long runs of boilerplate on one side. */
function wideHalfWidth(n: number, m: number): number {
  return Math.max(WIDE_BAND.min, Math.ceil(WIDE_BAND.share * Math.max(n, m)));
}

/**
 * The diagonal by length: for each paragraph boundary of A, the boundary of B
 * at the same share of the text. Splits, merges and short boilerplate barely
 * move it, unlike the diagonal by paragraph count.
 */
function lengthDiagonal(a: readonly number[], b: readonly number[]): [number, number][] {
  const totalA = sum(a) || 1;
  const totalB = sum(b) || 1;
  const points: [number, number][] = [];
  let j = 0;
  let doneB = 0;
  let doneA = 0;
  for (let i = 0; i < a.length; i++) {
    doneA += a[i]!;
    const target = (doneA / totalA) * totalB;
    while (j < b.length && doneB + b[j]! / 2 < target) doneB += b[j++]!;
    points.push([i + 1, j]);
  }
  return points;
}

/** Corners of the editor's beads (both sides non-empty): any path has to pass through them. */
function anchorsOf(fixed: Fixed): [number, number][] {
  const anchors: [number, number][] = [];
  for (const bead of fixed.beads) {
    if (!bead.a.length || !bead.b.length) continue;
    anchors.push([bead.a[0]!, bead.b[0]!], [bead.a[bead.a.length - 1]! + 1, bead.b[bead.b.length - 1]! + 1]);
  }
  return anchors;
}

/** The cells (i, j) a path goes through, as points for bandAround. */
function pathPoints(beads: readonly Bead[]): [number, number][] {
  const points: [number, number][] = [];
  let i = 0;
  let j = 0;
  for (const bead of beads) {
    i += bead.a.length;
    j += bead.b.length;
    points.push([i, j]);
  }
  return points;
}

/** The search's arrays, kept between searches (the ratios are tried one after another). */
let buffers: {
  cost: [Float64Array, Float64Array, Float64Array];
  how: [Int8Array, Int8Array, Int8Array];
  from: [Int8Array, Int8Array, Int8Array];
} | null = null;

function arrays(size: number) {
  if (!buffers || buffers.how[0].length < size) {
    const length = Math.max(size, 1024);
    buffers = {
      cost: [new Float64Array(length), new Float64Array(length), new Float64Array(length)],
      how: [new Int8Array(length), new Int8Array(length), new Int8Array(length)],
      from: [new Int8Array(length), new Int8Array(length), new Int8Array(length)],
    };
  }
  for (const x of buffers.cost) x.fill(Infinity, 0, size);
  for (const x of buffers.how) x.fill(-2, 0, size);
  return buffers;
}

/** Match shapes in the order they are tried: index into SHAPES, paragraphs of A and of B, penalty. */
const MATCH_SHAPES = [0, 3, 4, 5].map((s) => ({ shape: s, ...SHAPES[s]! }));

function search(
  a: readonly number[],
  b: readonly number[],
  ratio: number,
  fixed: Fixed,
  band: Band,
): { cost: number; beads: Bead[] } {
  const n = a.length;
  const m = b.length;
  const { lo, hi, offset, size } = band;
  const at = (i: number, j: number) => (i > n || j < lo[i]! || j > hi[i]! ? -1 : offset[i]! + j - lo[i]!);
  if (size === 0 || at(0, 0) < 0) return { cost: Infinity, beads: [] };
  // Three states per cell (last bead a match, a paragraph of A left out, one of B left out);
  // how each state was reached: shape index (or -1: a fixed bead) and the previous state.
  const { cost, how, from } = arrays(size);
  const [matchCost, gapACost, gapBCost] = cost;
  const [matchHow, gapAHow, gapBHow] = how;
  const [matchFrom, gapAFrom, gapBFrom] = from;
  matchCost[at(0, 0)] = 0;
  const fixedA = fixed.ofA;
  const fixedB = fixed.ofB;
  const scale = Math.sqrt(VARIANCE * ratio);

  for (let i = 0; i <= n; i++) {
    const rowLo = lo[i]!;
    const rowHi = hi[i]!;
    const rowOffset = offset[i]! - rowLo;
    const freeA1 = i < n && !fixedA[i];
    const freeA2 = freeA1 && i + 1 < n && !fixedA[i + 1];
    const gapA = freeA1 ? GAP_EXTEND * Math.min(1, (a[i]! + 10) / SHORT) : 0;
    for (let j = rowLo; j <= rowHi; j++) {
      const cell = rowOffset + j;
      const c0 = matchCost[cell]!;
      const c1 = gapACost[cell]!;
      const c2 = gapBCost[cell]!;
      // The cheapest state, the first one on ties: a match or a fixed bead costs the same from any state.
      let best = c0;
      let bestState = MATCH;
      if (c1 < best) {
        best = c1;
        bestState = GAP_A;
      }
      if (c2 < best) {
        best = c2;
        bestState = GAP_B;
      }
      if (best === Infinity) continue;
      // A fixed bead starting here is the only way to consume its paragraphs.
      const beadA = i < n ? fixedA[i] : undefined;
      const beadB = j < m ? fixedB[j] : undefined;
      for (let k = 0; k < 2; k++) {
        const bead = k === 0 ? beadA : beadB === beadA ? undefined : beadB;
        if (!bead || !startsAt(bead, i, j)) continue;
        const next = at(i + bead.a.length, j + bead.b.length);
        if (next >= 0 && best < matchCost[next]!) {
          matchCost[next] = best;
          matchHow[next] = -1;
          matchFrom[next] = bestState;
        }
      }
      const freeB1 = j < m && !fixedB[j];
      const freeB2 = freeB1 && j + 1 < m && !fixedB[j + 1];
      // Left out: costs by position (opening a run costs more), less for a very short line;
      // from each state in turn, the first one on ties.
      if (freeA1) {
        const next = at(i + 1, j);
        if (next >= 0) {
          let value = c0 + GAP_OPEN;
          let previous = MATCH;
          if (c1 < value) {
            value = c1;
            previous = GAP_A;
          }
          if (c2 + GAP_OPEN < value) {
            value = c2 + GAP_OPEN;
            previous = GAP_B;
          }
          value += gapA;
          if (value < gapACost[next]!) {
            gapACost[next] = value;
            gapAHow[next] = 1;
            gapAFrom[next] = previous;
          }
        }
      }
      if (freeB1) {
        const next = cell + 1;
        if (j < rowHi) {
          let value = c0 + GAP_OPEN;
          let previous = MATCH;
          if (c1 + GAP_OPEN < value) {
            value = c1 + GAP_OPEN;
            previous = GAP_A;
          }
          if (c2 < value) {
            value = c2;
            previous = GAP_B;
          }
          value += GAP_EXTEND * Math.min(1, (b[j]! / ratio + 10) / SHORT);
          if (value < gapBCost[next]!) {
            gapBCost[next] = value;
            gapBHow[next] = 2;
            gapBFrom[next] = previous;
          }
        }
      }
      if (!freeA1 || !freeB1) continue;
      for (const { shape, da, db, penalty } of MATCH_SHAPES) {
        if ((da === 2 && !freeA2) || (db === 2 && !freeB2)) continue;
        const next = at(i + da, j + db);
        const base = best + penalty;
        // The length cost is never negative: worked out only when the bead can still win.
        if (next < 0 || base >= matchCost[next]!) continue;
        const la = da === 1 ? a[i]! : a[i]! + a[i + 1]!;
        const lb = db === 1 ? b[j]! : b[j]! + b[j + 1]!;
        const value = base + lengthCost(la, lb, ratio, scale);
        if (value < matchCost[next]!) {
          matchCost[next] = value;
          matchHow[next] = shape;
          matchFrom[next] = bestState;
        }
      }
    }
  }

  // Walk back from the end, from the cheapest final state.
  const end = at(n, m);
  if (end < 0) return { cost: Infinity, beads: [] };
  let state = [MATCH, GAP_A, GAP_B].reduce((x, y) => (cost[y]![end]! < cost[x]![end]! ? y : x));
  const total = cost[state]![end]!;
  if (total === Infinity) return { cost: Infinity, beads: [] };
  const beads: Bead[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const cell = at(i, j);
    const shape = how[state]![cell]!;
    const previous = from[state]![cell]!;
    if (shape === -1) {
      const bead = findFixedEndingAt(fixed, i, j)!;
      beads.push(bead);
      i -= bead.a.length;
      j -= bead.b.length;
    } else if (shape >= 0) {
      const { da, db } = SHAPES[shape]!;
      i -= da;
      j -= db;
      beads.push({ a: range(i, da), b: range(j, db), source: "auto" });
    } else {
      throw new Error(`alignment has no path through (${i}, ${j})`);
    }
    state = previous;
  }
  return { cost: total, beads: beads.reverse() };
}

function startsAt(bead: Bead, i: number, j: number): boolean {
  return (bead.a.length === 0 || bead.a[0] === i) && (bead.b.length === 0 || bead.b[0] === j);
}

function findFixedEndingAt(fixed: Fixed, i: number, j: number): Bead | undefined {
  const candidates = [fixed.ofA[i - 1], fixed.ofB[j - 1]];
  return candidates.find((bead) => {
    if (!bead) return false;
    const endA = bead.a.length ? bead.a[bead.a.length - 1]! + 1 : null;
    const endB = bead.b.length ? bead.b[bead.b.length - 1]! + 1 : null;
    return (endA === null || endA === i) && (endB === null || endB === j);
  });
}

/**
 * Gale & Church's length cost: −100·log P(|δ|), δ the length difference
 * normalized by its expected spread.
 */
function lengthCost(la: number, lb: number, ratio: number, scale = Math.sqrt(VARIANCE * ratio)): number {
  if (la === 0 && lb === 0) return 0;
  const mean = (la + lb / ratio) / 2;
  const z = Math.abs((ratio * la - lb) / (scale * Math.sqrt(mean)));
  if (!(z < TAIL_TABLE_END)) return tailCost(z);
  // Linear interpolation in a table: the cost is smooth, and this is the search's inner loop.
  const x = z * TAIL_TABLE_STEPS;
  const k = x | 0;
  const low = TAIL_TABLE[k]!;
  return low + (TAIL_TABLE[k + 1]! - low) * (x - k);
}

/** −100·log P(|Z| > z), or 10,000 where that probability is below the smallest double. */
function tailCost(z: number): number {
  const p = 2 * normalTail(z);
  return p > 0 ? -100 * Math.log(p) : 10_000;
}

/** tailCost at z = k / TAIL_TABLE_STEPS, for z up to TAIL_TABLE_END (interpolation error below 0.01). */
const TAIL_TABLE_END = 38;
const TAIL_TABLE_STEPS = 128;
const TAIL_TABLE = Float64Array.from({ length: TAIL_TABLE_END * TAIL_TABLE_STEPS + 2 }, (_, k) =>
  tailCost(k / TAIL_TABLE_STEPS),
);

/** P(Z > x) for a standard normal Z, x ≥ 0 (Abramowitz & Stegun 26.2.17, error < 7.5e-8). */
function normalTail(x: number): number {
  const t = 1 / (1 + 0.2316419 * x);
  const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
  return d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => from + k);
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
