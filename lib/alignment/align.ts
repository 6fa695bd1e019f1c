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
/** Beyond this many cells the search keeps to a band around the diagonal. */
const FULL_SEARCH_CELLS = 4_000_000;

/**
 * Aligns paragraphs of lengths `a` and `b` (code points), honouring `corrections`.
 */
export function alignParagraphs(
  a: readonly number[],
  b: readonly number[],
  corrections: readonly AlignmentPair[] = [],
): AlignmentResult {
  const { fixed, ignored } = fixedBeads(corrections, a.length, b.length);
  const totalA = sum(a);
  const totalB = sum(b);
  const base = totalA > 0 && totalB > 0 ? totalB / totalA : 1;
  // Coarse steps first, then the neighbours of the best.
  const tried = new Map<number, { cost: number; beads: Bead[] }>();
  const at = (k: number) => {
    let result = tried.get(k);
    if (!result) {
      result = search(a, b, base * 2 ** (k / 8), fixed);
      tried.set(k, result);
    }
    return result;
  };
  let best = 0;
  for (let k = RATIO_STEPS.from; k <= RATIO_STEPS.to; k += 2) if (at(k).cost < at(best).cost) best = k;
  for (const k of [best - 1, best + 1]) if (at(k).cost < at(best).cost) best = k;
  return { beads: at(best).beads, ignored };
}

interface Fixed {
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
  return { fixed: { ofA, ofB }, ignored };
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

function search(
  a: readonly number[],
  b: readonly number[],
  ratio: number,
  fixed: Fixed,
): { cost: number; beads: Bead[] } {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const cells = (n + 1) * width;
  // Three states per cell (last bead a match, a paragraph of A left out, one of B left out).
  const cost = [
    new Float64Array(cells).fill(Infinity),
    new Float64Array(cells).fill(Infinity),
    new Float64Array(cells).fill(Infinity),
  ];
  // How each state was reached: shape index (or -1: a fixed bead) and the previous state.
  const how = [new Int8Array(cells).fill(-2), new Int8Array(cells).fill(-2), new Int8Array(cells).fill(-2)];
  const from = [new Int8Array(cells), new Int8Array(cells), new Int8Array(cells)];
  cost[MATCH]![0] = 0;
  const band = cells > FULL_SEARCH_CELLS ? Math.max(50, Math.ceil(0.05 * Math.max(n, m))) : Infinity;
  const relax = (cell: number, state: number, value: number, shape: number, previous: number) => {
    if (value < cost[state]![cell]!) {
      cost[state]![cell] = value;
      how[state]![cell] = shape;
      from[state]![cell] = previous;
    }
  };

  for (let i = 0; i <= n; i++) {
    const center = n === 0 ? 0 : Math.round((i * m) / n);
    const lo = band === Infinity ? 0 : Math.max(0, center - band);
    const hi = band === Infinity ? m : Math.min(m, center + band);
    for (let j = lo; j <= hi; j++) {
      const cell = i * width + j;
      for (let state = 0; state < 3; state++) {
        const here = cost[state]![cell]!;
        if (here === Infinity) continue;
        // A fixed bead starting here is the only way to consume its paragraphs.
        for (const bead of new Set([i < n ? fixed.ofA[i] : undefined, j < m ? fixed.ofB[j] : undefined])) {
          if (!bead || !startsAt(bead, i, j)) continue;
          relax((i + bead.a.length) * width + j + bead.b.length, MATCH, here, -1, state);
        }
        for (let s = 0; s < SHAPES.length; s++) {
          const { da, db, penalty } = SHAPES[s]!;
          if (i + da > n || j + db > m) continue;
          if (consumesFixed(fixed.ofA, i, da) || consumesFixed(fixed.ofB, j, db)) continue;
          const next = (i + da) * width + j + db;
          if (da + db === 1) {
            // Left out: costs by position (opening a run costs more), less for a very short line.
            const gap = da ? GAP_A : GAP_B;
            const length = da ? a[i]! : b[j]! / ratio;
            const value = here + GAP_EXTEND * Math.min(1, (length + 10) / SHORT) + (state === gap ? 0 : GAP_OPEN);
            relax(next, gap, value, s, state);
            continue;
          }
          const la = da === 1 ? a[i]! : a[i]! + a[i + 1]!;
          const lb = db === 1 ? b[j]! : b[j]! + b[j + 1]!;
          relax(next, MATCH, here + penalty + lengthCost(la, lb, ratio), s, state);
        }
      }
    }
  }

  // Walk back from the end, from the cheapest final state.
  const end = n * width + m;
  let state = [MATCH, GAP_A, GAP_B].reduce((x, y) => (cost[y]![end]! < cost[x]![end]! ? y : x));
  const total = cost[state]![end]!;
  const beads: Bead[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const cell = i * width + j;
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

function consumesFixed(of: readonly (Bead | undefined)[], from: number, count: number): boolean {
  for (let k = from; k < from + count; k++) if (of[k]) return true;
  return false;
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
function lengthCost(la: number, lb: number, ratio: number): number {
  if (la === 0 && lb === 0) return 0;
  const mean = (la + lb / ratio) / 2;
  const z = (ratio * la - lb) / Math.sqrt(VARIANCE * ratio * mean);
  const p = 2 * normalTail(Math.abs(z));
  return p > 0 ? -100 * Math.log(p) : 10_000;
}

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
