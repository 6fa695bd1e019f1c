import { describe, expect, it } from "vitest";
import { parseExportFilter } from "@/lib/export/filter";
import { emptyFilter, toFilterJson } from "./filter-state";

describe("export page filter state", () => {
  it("leaves out what is not chosen, so nothing chosen exports everything", () => {
    expect(toFilterJson(emptyFilter())).toEqual({});
    expect(parseExportFilter(toFilterJson(emptyFilter()))).toEqual({});
  });

  it("becomes a filter lib/export accepts, half-open ranges included", () => {
    const state = emptyFilter({ stories: ["varnhamn-shore-power"], languages: ["sv", "zh-Hans"] });
    state.kinds = ["claim"];
    state.created = { from: "2026-03-01", to: "" };
    state.published = { from: "", to: "2026-04-30" };
    const json = toFilterJson(state);
    expect(json).toEqual({
      stories: ["varnhamn-shore-power"],
      languages: ["sv", "zh-Hans"],
      kinds: ["claim"],
      created: { from: "2026-03-01" },
      published: { to: "2026-04-30" },
    });
    expect(parseExportFilter(json)).toMatchObject(json);
  });
});
