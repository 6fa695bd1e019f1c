/**
 * Krippendorff's alpha for coded units (Krippendorff 2004, ch. 11; "Computing
 * Krippendorff's alpha-reliability", 2011): any number of annotators, missing
 * values allowed, with the nominal, ordinal or interval difference function.
 *
 * Units are rows of values, one per annotator, `null` where an annotator gave
 * none. Only units with at least two values are pairable. From them the
 * coincidence matrix o_ck and the marginals n_c give
 *   D_o = Σ o_ck δ²(c,k) / n,  D_e = Σ n_c n_k δ²(c,k) / (n(n−1)),  α = 1 − D_o/D_e.
 * Ordinal δ²(c,k) = (Σ_{g from c to k} n_g − (n_c + n_k)/2)², over the values in
 * their rank order.
 */
import { chanceCorrected, undefinedBecause, type Coefficient } from "./coefficient";

export type Metric = "nominal" | "ordinal" | "interval";

export interface CodingAlpha {
  alpha: Coefficient;
  observed: number | null;
  expected: number | null;
  /** Pairable values (n): values in units that at least two annotators coded. */
  pairable: number;
  /** Units with at least two values. */
  units: number;
}

/**
 * α over `units` (rows of per-annotator values). Ordinal and interval metrics
 * need numbers (ranks for ordinal: only their order matters); nominal takes
 * any value compared with ===.
 */
export function codingAlpha<V extends string | number>(
  units: readonly (readonly (V | null | undefined)[])[],
  metric: Metric,
): CodingAlpha {
  const index = new Map<V, number>();
  const values: V[] = [];
  // Pairable units as value indices, flat: rows[k] runs from offsets[k] to offsets[k + 1].
  const flat: number[] = [];
  const offsets: number[] = [0];
  for (const row of units) {
    let coded = 0;
    for (const v of row) if (v !== null && v !== undefined) coded++;
    if (coded < 2) continue;
    for (const v of row) {
      if (v === null || v === undefined) continue;
      if (metric !== "nominal" && typeof v !== "number") {
        throw new TypeError(`${metric} alpha needs numeric values, got ${JSON.stringify(v)}`);
      }
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        index.set(v, i);
        values.push(v);
      }
      flat.push(i);
    }
    offsets.push(flat.length);
  }
  const rows = offsets.length - 1;
  const empty = { observed: null, expected: null, pairable: 0, units: rows };
  if (rows === 0) {
    return { alpha: undefinedBecause("no unit was coded by two annotators"), ...empty };
  }
  const V = values.length;
  // o_ck gets n_c·n_k/(m − 1) from each unit of m values (n_c − 1 on the diagonal).
  // Nominal α needs only the diagonal and the marginals; the others the whole matrix.
  const nominal = metric === "nominal";
  const diagonal = new Float64Array(V);
  const marginal = new Float64Array(V);
  const coincidence = nominal ? null : Array.from({ length: V }, () => new Float64Array(V));
  const counts = new Float64Array(V);
  const seen: number[] = [];
  for (let k = 0; k < rows; k++) {
    const from = offsets[k]!;
    const to = offsets[k + 1]!;
    const m = to - from;
    for (let x = from; x < to; x++) {
      const v = flat[x]!;
      if (counts[v] === 0) seen.push(v);
      counts[v] = counts[v]! + 1;
    }
    for (const c of seen) {
      const nc = counts[c]!;
      // Row c of the unit's contribution sums to n_c·(m − 1)/(m − 1) = n_c.
      marginal[c] = marginal[c]! + nc;
      diagonal[c] = diagonal[c]! + (nc * (nc - 1)) / (m - 1);
      if (coincidence) {
        for (const j of seen)
          coincidence[c]![j] = coincidence[c]![j]! + (nc * (c === j ? nc - 1 : counts[j]!)) / (m - 1);
      }
    }
    for (const c of seen) counts[c] = 0;
    seen.length = 0;
  }
  const n = marginal.reduce((s, x) => s + x, 0);
  let observed = 0;
  let expected = 0;
  if (!coincidence) {
    // δ is 1 off the diagonal: Σ_{c≠k} o_ck = n − Σ o_cc, Σ_{c≠k} n_c n_k = n² − Σ n_c².
    let agreeing = 0;
    let squares = 0;
    for (let c = 0; c < V; c++) {
      agreeing += diagonal[c]!;
      squares += marginal[c]! * marginal[c]!;
    }
    observed = n - agreeing;
    expected = n * n - squares;
  } else {
    const delta = differenceFunction(metric, values, marginal);
    for (let c = 0; c < V; c++) {
      for (let k = 0; k < V; k++) {
        const d = delta(c, k);
        observed += coincidence[c]![k]! * d;
        expected += marginal[c]! * marginal[k]! * d;
      }
    }
  }
  observed /= n;
  expected /= n * (n - 1);
  const alpha =
    V < 2
      ? undefinedBecause("every annotator gave the same value: no variation to agree on")
      : chanceCorrected(observed, expected, "no variation to agree on");
  return { alpha, observed, expected, pairable: n, units: rows };
}

function differenceFunction(metric: Metric, values: readonly (string | number)[], marginal: Float64Array) {
  if (metric === "nominal") return (c: number, k: number) => (c === k ? 0 : 1);
  const numbers = values as readonly number[];
  if (metric === "interval") return (c: number, k: number) => (numbers[c]! - numbers[k]!) ** 2;
  // Ordinal: cumulative marginals in rank order.
  const order = numbers.map((_, i) => i).sort((a, b) => numbers[a]! - numbers[b]!);
  const rank = new Array<number>(numbers.length);
  order.forEach((i, r) => (rank[i] = r));
  const cumulative = [0];
  for (const i of order) cumulative.push(cumulative[cumulative.length - 1]! + marginal[i]!);
  return (c: number, k: number) => {
    if (c === k) return 0;
    const lo = Math.min(rank[c]!, rank[k]!);
    const hi = Math.max(rank[c]!, rank[k]!);
    const between = cumulative[hi + 1]! - cumulative[lo]!;
    return (between - (marginal[c]! + marginal[k]!) / 2) ** 2;
  };
}
