/**
 * Names and titles users chose are isolated (<bdi>) where they are listed, so
 * a right-to-left override in one cannot reorder what is shown around it
 * (a title "‮txt.exe" would otherwise read "exe.txt" and swallow its row).
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StoryResults } from "./StoryResults";

const RLO = "\u202e";

describe("user text in lists", () => {
  it("a story title with a right-to-left override is rendered inside <bdi>", () => {
    const title = `${RLO}gnp.exe Harbour news`;
    const html = renderToStaticMarkup(
      createElement(StoryResults, {
        stories: [
          {
            id: "s1",
            key: "harbour",
            title,
            updatedAt: new Date(0),
            status: "NEW",
            articles: [],
            snippets: [],
          } as never,
        ],
      }),
    );
    expect(html).toContain(`<bdi>${title}</bdi>`);
  });
});
