import { describe, expect, it } from "vitest";
import { curationUnits, nextDisagreement, type UnitSpan } from "./units";

let n = 0;
const span = (
  ownerId: string | null,
  start: number,
  end: number,
  labelId = "PER",
  reviewStatus = "PENDING",
): UnitSpan => ({
  id: `s${++n}`,
  start,
  end,
  kind: "ENTITY",
  labelId,
  entityId: null,
  claimId: null,
  ownerId,
  reviewStatus,
});

describe("curationUnits", () => {
  it("groups overlapping spans of the annotators and tells agreed units from disagreements", () => {
    const units = curationUnits(
      ["a", "b"],
      [
        span("a", 0, 5),
        span("b", 0, 5),
        span("a", 10, 14, "LOC"),
        span("b", 10, 14, "ORG"),
        span("b", 20, 25),
        span("a", 30, 40),
        span("b", 30, 35),
        span("b", 34, 45),
        span("a", 45, 50), // touches 34–45 but does not overlap it
        span("c", 60, 65), // not an annotator of this article
      ],
      [span(null, 10, 14, "LOC")],
    );
    expect(units.map((u) => [u.key, u.agreed, u.settled])).toEqual([
      ["0-5", true, false],
      ["10-14", false, true],
      ["20-25", false, false],
      ["30-45", false, false],
      ["45-50", false, false],
    ]);
    expect(units[3]!.versions.map((v) => v.spans.length)).toEqual([1, 2]);
    expect(units[1]!.curated).toHaveLength(1);
  });

  it("counts a unit whose spans were all rejected as settled", () => {
    const [unit] = curationUnits(
      ["a", "b"],
      [span("a", 0, 5, "PER", "REJECTED"), span("b", 0, 4, "PER", "REJECTED")],
      [],
    );
    expect(unit).toMatchObject({ settled: true, rejected: true, agreed: false });
  });

  it("steps through disagreements in both directions, wrapping", () => {
    const units = curationUnits(
      ["a", "b"],
      [span("a", 0, 5), span("b", 0, 5), span("a", 10, 12), span("b", 20, 22), span("a", 30, 32), span("b", 30, 32)],
      [],
    );
    expect(nextDisagreement(units, -1, 1)).toBe(1);
    expect(nextDisagreement(units, 1, 1)).toBe(2);
    expect(nextDisagreement(units, 2, 1)).toBe(1);
    expect(nextDisagreement(units, -1, -1)).toBe(2);
    expect(nextDisagreement(units, 1, -1)).toBe(2);
    expect(nextDisagreement(curationUnits(["a"], [span("a", 0, 1)], []), -1, 1)).toBe(-1);
  });
});
