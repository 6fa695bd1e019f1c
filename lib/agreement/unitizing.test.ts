import { describe, expect, it } from "vitest";
import { segmentDistance, unitizingAlpha, type Segment, type Unit } from "./unitizing";

// Reference values: the worked examples of Krippendorff (1995: 57) and
// Krippendorff (2004: 254), with the figures DKPro Agreement's tests assert
// for KrippendorffAlphaUnitizingAgreement (Krippendorff1995Test,
// Krippendorff2004Test, UnitizingAgreementTest).

const unit = (start: number, length: number, rater: number, label: string): Unit => ({
  start,
  end: start + length,
  rater,
  label,
});

/** Krippendorff (2004: 254): two observers, continuum 150..450, labels c and k. */
const example2004 = {
  begin: 150,
  length: 300,
  raters: 2,
  units: [
    unit(225, 70, 0, "c"),
    unit(370, 30, 0, "c"),
    unit(220, 80, 1, "c"),
    unit(355, 20, 1, "c"),
    unit(400, 20, 1, "c"),
    unit(180, 60, 0, "k"),
    unit(300, 50, 0, "k"),
    unit(180, 60, 1, "k"),
    unit(300, 50, 1, "k"),
  ],
};

/** Krippendorff (1995: 57): four pairs of observers (A–D) on 24 positions, stretched. */
function example1995(stretch: number) {
  const s = (n: number) => Math.trunc(n * stretch);
  const u = (start: number, length: number, rater: number, label: string) => unit(s(start), s(length), rater, label);
  return {
    begin: 0,
    length: s(24),
    raters: 2,
    units: [
      u(2, 8, 0, "A"),
      u(14, 6, 0, "A"),
      u(4, 4, 1, "A"),
      u(15, 2, 1, "A"),
      u(0, 18, 0, "B"),
      u(0, 2, 1, "B"),
      u(2, 1, 1, "B"),
      u(3, 1, 1, "B"),
      u(4, 1, 1, "B"),
      u(5, 1, 1, "B"),
      u(6, 3, 1, "B"),
      u(9, 1, 1, "B"),
      u(2, 6, 0, "C"),
      u(10, 2, 0, "C"),
      u(14, 4, 0, "C"),
      u(20, 2, 0, "C"),
      u(0, 2, 1, "C"),
      u(4, 4, 1, "C"),
      u(10, 4, 1, "C"),
      u(16, 2, 1, "C"),
      u(20, 2, 1, "C"),
      u(0, 2, 0, "D"),
      u(2, 8, 0, "D"),
      u(10, 4, 0, "D"),
      u(14, 6, 0, "D"),
      u(20, 4, 0, "D"),
      u(0, 4, 1, "D"),
      u(4, 4, 1, "D"),
      u(8, 7, 1, "D"),
      u(15, 2, 1, "D"),
      u(17, 7, 1, "D"),
    ],
  };
}

const byLabel = (r: ReturnType<typeof unitizingAlpha>, label: string) => r.labels.find((l) => l.label === label)!;

/** |actual − expected| ≤ delta, as the reference tests state their tolerances. */
const near = (actual: number | null, expected: number, delta: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(delta);
};

const seg = (start: number, length: number, unit: boolean): Segment => ({ start, end: start + length, unit });

describe("segment distance (Krippendorff 2004: 252)", () => {
  it("matches the published distances", () => {
    expect(
      segmentDistance(seg(2, 3, false), seg(2, 2, true)) + segmentDistance(seg(5, 6, true), seg(4, 7, false)),
    ).toBe(40);
    expect(segmentDistance(seg(5, 6, true), seg(4, 2, true))).toBe(26);
    expect(segmentDistance(seg(5, 6, true), seg(5, 2, true))).toBe(16);
    expect(segmentDistance(seg(5, 6, true), seg(6, 2, true))).toBe(10);
    expect(segmentDistance(seg(5, 6, true), seg(7, 2, true))).toBe(8);
    expect(segmentDistance(seg(5, 6, true), seg(6, 4, true))).toBe(2);
    expect(segmentDistance(seg(5, 6, true), seg(5, 6, true))).toBe(0);
    expect(segmentDistance(seg(225, 70, true), seg(220, 80, true))).toBe(50);
    expect(segmentDistance(seg(370, 30, true), seg(355, 20, true))).toBe(850);
    expect(segmentDistance(seg(400, 50, false), seg(400, 20, true))).toBe(400);
    // A unit not inside the other's gap costs nothing here (it is measured against the overlapping unit).
    expect(segmentDistance(seg(1, 8, true), seg(0, 2, false))).toBe(0);
    expect(segmentDistance(seg(1, 8, true), seg(2, 1, true))).toBe(37);
  });
});

describe("unitizingAlpha", () => {
  it("reproduces Krippendorff (2004: 254): α_u(c) = 0.7286, α_u(k) = 1, overall 0.8591", () => {
    const r = unitizingAlpha(example2004);
    near(byLabel(r, "c").observed, 0.0144, 1e-4);
    near(byLabel(r, "c").expected, 0.0532, 1e-4);
    near(byLabel(r, "c").alpha.value, 0.7286, 1e-4);
    expect(byLabel(r, "k").observed).toBe(0);
    near(byLabel(r, "k").expected, 0.049, 1e-4);
    expect(byLabel(r, "k").alpha.value).toBe(1);
    expect(Math.abs(r.alpha.value! - 0.8591)).toBeLessThan(0.0005);
  });

  it("reproduces the observed disagreements of Krippendorff (1995: 57)", () => {
    const r = unitizingAlpha(example1995(1));
    near(byLabel(r, "A").observed, 0.03125, 1e-5);
    near(byLabel(r, "B").observed, 2.26736, 1e-5);
    near(byLabel(r, "C").observed, 0.02777, 1e-5);
    near(byLabel(r, "D").observed, 0.38715, 1e-5);
  });

  it("approaches the 1995 paper's expected disagreements and α_u as the continuum is refined", () => {
    const r = unitizingAlpha(example1995(1_200_000 / 24));
    const within = (x: number, target: number, tolerance: number) =>
      expect(Math.abs(x - target)).toBeLessThan(tolerance);
    within(byLabel(r, "A").expected, 0.0699, 0.005);
    within(byLabel(r, "B").expected, 1.17731, 0.005);
    within(byLabel(r, "C").expected, 0.08642, 0.005);
    within(byLabel(r, "D").expected, 0.41445, 0.005);
    within(byLabel(r, "A").alpha.value!, 0.553, 0.02);
    within(byLabel(r, "B").alpha.value!, -0.926, 0.02);
    within(byLabel(r, "C").alpha.value!, 0.679, 0.02);
    within(byLabel(r, "D").alpha.value!, 0.066, 0.02);
    // Observed disagreement does not depend on the resolution.
    within(byLabel(r, "C").observed, 0.02777, 0.00001);
  });

  it("follows DKPro for the coarse 1995 continuum (C at 12 positions: D_e 0.05494, α 0.494)", () => {
    const r = unitizingAlpha(example1995(12 / 24));
    near(byLabel(r, "C").observed, 0.02777, 1e-5);
    near(byLabel(r, "C").expected, 0.05494, 1e-5);
    expect(Math.abs(byLabel(r, "C").alpha.value! - 0.494)).toBeLessThan(0.02);
  });

  it("gives −0.7003 for one long unit against three short ones (DKPro UnitizingAgreementTest)", () => {
    const r = unitizingAlpha({
      length: 10,
      raters: 2,
      units: [unit(1, 8, 0, "A"), unit(2, 1, 1, "A"), unit(4, 1, 1, "A"), unit(6, 1, 1, "A")],
    });
    near(byLabel(r, "A").observed, 0.91, 1e-4);
    near(byLabel(r, "A").expected, 0.5351, 1e-4);
    near(byLabel(r, "A").alpha.value, -0.7003, 1e-4);
  });

  it("counts annotators who marked nothing: one unit among three annotators is chance agreement (0)", () => {
    const r = unitizingAlpha({ length: 20, raters: 3, units: [unit(0, 1, 0, "X")] });
    expect(r.alpha).toEqual({ value: 0, reason: null });
  });

  it("is undefined, with a reason, when nobody marked anything or there is one annotator", () => {
    const empty = unitizingAlpha({ length: 20, raters: 3, units: [] });
    expect(empty.alpha.value).toBeNull();
    expect(empty.alpha.reason).toMatch(/no annotator marked anything/);
    expect(empty.labels).toEqual([]);
    const alone = unitizingAlpha({ length: 20, raters: 1, units: [unit(2, 3, 0, "X")] });
    expect(alone.alpha.value).toBeNull();
    expect(alone.labels[0]!.alpha.value).toBeNull();
    expect(JSON.stringify(alone)).not.toMatch(/NaN|null,"reason":null/);
  });

  it("merges one annotator's overlapping units of a label into their union", () => {
    const overlapping = unitizingAlpha({
      length: 300,
      raters: 2,
      begin: 150,
      units: [...example2004.units, unit(230, 30, 0, "c"), unit(290, 10, 0, "c")],
    });
    const reference = unitizingAlpha({
      ...example2004,
      units: [...example2004.units.filter((u) => !(u.rater === 0 && u.start === 225)), unit(225, 75, 0, "c")],
    });
    expect(overlapping.merged).toBe(2);
    expect(overlapping.alpha.value).toBeCloseTo(reference.alpha.value!, 12);
    expect(byLabel(overlapping, "c").units).toBe(5);
  });

  it("keeps adjacent units apart and treats identical unitizations as perfect agreement", () => {
    const same = [unit(0, 2, 0, "X"), unit(2, 3, 0, "X"), unit(0, 2, 1, "X"), unit(2, 3, 1, "X")];
    const r = unitizingAlpha({ length: 10, raters: 2, units: same });
    expect(r.merged).toBe(0);
    expect(r.alpha.value).toBe(1);
  });

  it("clips units to the continuum and rejects unknown annotators", () => {
    const r = unitizingAlpha({ length: 10, raters: 2, units: [unit(8, 5, 0, "X"), unit(8, 2, 1, "X")] });
    expect(r.clipped).toBe(1);
    expect(r.alpha.value).toBe(1);
    expect(() => unitizingAlpha({ length: 10, raters: 2, units: [unit(0, 1, 2, "X")] })).toThrow(RangeError);
  });
});
