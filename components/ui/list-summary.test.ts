import { describe, expect, it } from "vitest";
import { listSummary } from "./list-summary";

const none = { matching: "No match.", empty: "Nothing yet." };

describe("listSummary", () => {
  it("says why a list is empty: nothing matches, or nothing exists", () => {
    expect(listSummary(0, 100, true, none)).toBe("No match.");
    expect(listSummary(0, 100, false, none)).toBe("Nothing yet.");
  });

  it("counts matches, and says when the limit may have cut them", () => {
    expect(listSummary(3, 100, true, none)).toBe("3 matching");
    expect(listSummary(100, 100, true, none)).toBe("The first 100 matching");
  });

  it("without a search, the list is the most recently changed", () => {
    expect(listSummary(5, 100, false, none)).toBe("The 5 most recently changed");
  });
});
