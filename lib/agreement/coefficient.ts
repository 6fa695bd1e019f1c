/**
 * An agreement figure that may be undefined. A coefficient without the data it
 * needs (no units, one annotator, no variation) is `null` with the reason in
 * words — never NaN, never a made-up 0 or 1.
 */
export type Coefficient = { value: number; reason: null } | { value: null; reason: string };

export const defined = (value: number): Coefficient => ({ value, reason: null });
export const undefinedBecause = (reason: string): Coefficient => ({ value: null, reason });

/**
 * 1 − D_o / D_e, the form every Krippendorff coefficient shares. Equal observed
 * and expected disagreement is chance agreement: exactly 0 (also when both are
 * rounded copies of the same exact quantity).
 */
export function chanceCorrected(observed: number, expected: number, noVariation: string): Coefficient {
  if (!(expected > 0)) return undefinedBecause(noVariation);
  if (Math.abs(observed - expected) <= 1e-12 * expected) return defined(0);
  return defined(1 - observed / expected);
}

/** A ratio whose denominator may be zero. */
export function ratio(numerator: number, denominator: number, whenEmpty: string): Coefficient {
  return denominator > 0 ? defined(numerator / denominator) : undefinedBecause(whenEmpty);
}
