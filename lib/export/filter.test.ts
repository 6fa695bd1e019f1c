import { describe, expect, it } from "vitest";
import { ExportFilterError } from "./errors";
import { boundEnd, boundStart, compareCodePoints, describeFilter, hasSpanCriteria, parseExportFilter } from "./filter";

describe("parseExportFilter", () => {
  it("normalizes: de-duplicated, sorted, canonical tags, case of kinds and statuses", () => {
    const filter = parseExportFilter({
      stories: ["b", "a", "b"],
      languages: ["ZH-hans", "sv", "sv"],
      kinds: ["CLAIM", "entity"],
      reviewStatuses: ["approved"],
      annotators: ["Alice@Example.org"],
    });
    expect(filter).toEqual({
      stories: ["a", "b"],
      languages: ["sv", "zh-Hans"],
      kinds: ["claim", "entity"],
      reviewStatuses: ["APPROVED"],
      annotators: ["alice@example.org"],
    });
  });

  it("gives the same JSON for filters that select the same data", () => {
    const a = parseExportFilter({ languages: ["en", "fr"], labels: [], created: {} });
    const b = parseExportFilter({ languages: ["fr", "en", "en"] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(parseExportFilter(undefined)).toEqual({});
  });

  it("refuses unknown keys, so deleted spans cannot be asked for", () => {
    expect(() => parseExportFilter({ includeDeleted: true })).toThrow(ExportFilterError);
    expect(() => parseExportFilter({ kinds: ["relation"] })).toThrow(/kinds/);
    expect(() => parseExportFilter({ languages: ["not a tag!"] })).toThrow(/invalid language tag/);
  });

  it("checks date ranges", () => {
    expect(parseExportFilter({ created: { from: "2026-03-01", to: "2026-03-31" } }).created).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
    });
    expect(() => parseExportFilter({ created: { from: "2026-04-01", to: "2026-03-01" } })).toThrow(/before/);
    expect(() => parseExportFilter({ updated: { from: "March" } })).toThrow(/date/);
    expect(() => parseExportFilter({ published: { from: "2026-03-01T00:00:00Z" } })).toThrow(ExportFilterError);
  });

  it("reports every problem at once", () => {
    try {
      parseExportFilter({ stories: [""], reviewStatuses: ["DONE"] });
      expect.unreachable();
    } catch (error) {
      expect((error as ExportFilterError).problems).toHaveLength(2);
    }
  });
});

describe("filter helpers", () => {
  it("makes a date's end include the whole UTC day", () => {
    expect(boundStart("2026-03-01")).toBe("2026-03-01T00:00:00.000Z");
    expect(boundEnd("2026-03-31")).toBe("2026-04-01T00:00:00.000Z");
    expect(boundEnd("2026-03-31T12:00:00+02:00")).toBe("2026-03-31T10:00:00.001Z");
  });

  it("tells span criteria from article criteria", () => {
    expect(hasSpanCriteria(parseExportFilter({ stories: ["a"], languages: ["sv"] }))).toBe(false);
    expect(hasSpanCriteria(parseExportFilter({ labels: ["ORG"] }))).toBe(true);
    expect(describeFilter(parseExportFilter({}))).toBe("everything");
    expect(describeFilter(parseExportFilter({ stories: ["a"], created: { to: "2026-01-01" } }))).toBe(
      "stories a; created … to 2026-01-01",
    );
  });

  it("sorts by code point like PostgreSQL's C collation, not by UTF-16 unit", () => {
    // U+FF61 is one UTF-16 unit above the surrogates; U+1F600 is encoded with surrogates (0xD83D…).
    expect(["\u{1F600}", "\uFF61", "a", "ab"].sort(compareCodePoints)).toEqual(["a", "ab", "\uFF61", "\u{1F600}"]);
    expect(["\u{1F600}", "\uFF61"].sort()).toEqual(["\u{1F600}", "\uFF61"]); // what plain sort() would do
  });
});
