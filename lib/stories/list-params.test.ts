import { describe, expect, it } from "vitest";
import { parseStoryListParams, storyListQuery } from "./list-params";

describe("story list URL parameters", () => {
  it("reads repeated filters and ignores what is not valid", () => {
    const p = parseStoryListParams(
      new URLSearchParams(
        "q=+färja+&language=sv&language=fr&language=sv&status=reviewed&status=bogus&assignment=done&assignment=x&assignee=me&page=x",
      ),
    );
    expect(p).toEqual({
      q: "färja",
      languages: ["sv", "fr"],
      outlets: [],
      status: ["reviewed"],
      assignment: ["done"],
      mine: true,
      page: 1,
      pageSize: 20,
    });
  });

  it("round-trips through the query string, defaults left out", () => {
    const p = parseStoryListParams({
      q: "港",
      outlet: ["A & B"],
      assignment: "todo",
      assignee: "me",
      page: "3",
      pageSize: "500",
    });
    expect(p.pageSize).toBe(100);
    expect(storyListQuery(p)).toBe("?q=%E6%B8%AF&outlet=A+%26+B&assignment=todo&assignee=me&pageSize=100&page=3");
    expect(parseStoryListParams(new URLSearchParams(storyListQuery(p).slice(1)))).toEqual(p);
    expect(storyListQuery(parseStoryListParams({}))).toBe("");
  });
});
