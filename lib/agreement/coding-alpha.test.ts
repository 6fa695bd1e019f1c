import { describe, expect, it } from "vitest";
import { codingAlpha } from "./coding-alpha";

// Reference values: Krippendorff (2004: 224, 227, 230) as DKPro Agreement's
// Krippendorff2004Test asserts them, and Krippendorff (2011, "Computing
// Krippendorff's alpha-reliability") for the ordinal and interval metrics.

const _ = null;

/** Krippendorff (2004: 230) / (2011): 4 observers, 12 units, missing values; values 1–5. */
const reliability2011 = [
  [1, 1, _, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [_, 5, 5, 5],
  [_, _, 1, 1],
  [_, _, 3, _],
];

describe("codingAlpha", () => {
  it("nominal, two observers, binary (Krippendorff 2004: 224): D_o 0.400, D_e 0.442, α 0.095", () => {
    const units = [
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
      [0, 0],
      [0, 1],
      [0, 0],
      [0, 1],
      [0, 0],
      [0, 0],
    ];
    const r = codingAlpha(units, "nominal");
    expect(r.observed).toBeCloseTo(0.4, 3);
    expect(r.expected).toBeCloseTo(0.442, 3);
    expect(r.alpha.value).toBeCloseTo(0.095, 3);
  });

  it("nominal, three categories (Krippendorff 2004: 227): α 0.734", () => {
    const pairs = ["aa", "ab", "bb", "bb", "bb", "bb", "bc", "cc", "cc", "cc", "cc", "cc"];
    const r = codingAlpha(
      pairs.map((p) => p.split("")),
      "nominal",
    );
    expect(r.observed).toBeCloseTo(0.1667, 3);
    expect(r.expected).toBeCloseTo(0.6268, 3);
    expect(r.alpha.value).toBeCloseTo(0.734, 3);
  });

  it("nominal with missing values (Krippendorff 2004: 230): D_o 0.200, D_e 0.779, α 0.743", () => {
    const symbols = ["B", "L", "P", "C", "F"];
    const units = reliability2011.map((row) => row.map((v) => (v === null ? null : symbols[v - 1])));
    const r = codingAlpha(units, "nominal");
    expect(r.observed).toBeCloseTo(0.2, 3);
    expect(r.expected).toBeCloseTo(0.779, 3);
    expect(r.alpha.value).toBeCloseTo(0.743, 3);
    expect(r.units).toBe(11);
  });

  it("ordinal (Krippendorff 2011): α 0.815", () => {
    expect(codingAlpha(reliability2011, "ordinal").alpha.value).toBeCloseTo(0.815, 3);
  });

  it("ordinal uses only the order of the values", () => {
    const scaled = reliability2011.map((row) => row.map((v) => (v === null ? null : v * v * 10 - 3)));
    expect(codingAlpha(scaled, "ordinal").alpha.value).toBeCloseTo(0.815, 3);
  });

  it("interval (Krippendorff 2004: 230): D_o 0.433, D_e 2.872, α 0.849", () => {
    const r = codingAlpha(reliability2011, "interval");
    expect(r.observed).toBeCloseTo(0.433, 3);
    expect(r.expected).toBeCloseTo(2.872, 3);
    expect(r.alpha.value).toBeCloseTo(0.849, 3);
  });

  it("is 1 for perfect agreement with variation", () => {
    expect(
      codingAlpha(
        [
          [1, 1, 1],
          [2, 2, 2],
          [3, 3, _],
        ],
        "ordinal",
      ).alpha,
    ).toEqual({ value: 1, reason: null });
  });

  it("is undefined, with a reason, when every value is the same (one verdict only)", () => {
    const r = codingAlpha(
      [
        [4, 4],
        [4, 4, 4],
      ],
      "ordinal",
    );
    expect(r.alpha.value).toBeNull();
    expect(r.alpha.reason).toMatch(/same value/);
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
  });

  it("is undefined when no unit has two values", () => {
    const r = codingAlpha(
      [
        [1, _],
        [_, 2],
      ],
      "nominal",
    );
    expect(r.alpha.value).toBeNull();
    expect(r.alpha.reason).toMatch(/two annotators/);
  });

  it("refuses strings for the ordinal metric", () => {
    expect(() => codingAlpha([["a", "b"]], "ordinal")).toThrow(TypeError);
  });
});
