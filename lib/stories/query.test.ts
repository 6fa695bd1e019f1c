import { describe, expect, it } from "vitest";
import { MAX_SEARCH_TERMS, searchTerms } from "./query";

describe("searchTerms", () => {
  it("splits on spaces, keeps quoted phrases and drops edge punctuation", () => {
    expect(searchTerms("  OpenAI   Anthropic ")).toEqual(["OpenAI", "Anthropic"]);
    expect(searchTerms('"shore power" Varnhamn,')).toEqual(["shore power", "Varnhamn"]);
    expect(searchTerms("l'Union (UE) U.S. C++ ...")).toEqual(["l'Union", "UE", "U.S", "C++", "..."]);
    expect(searchTerms("日内瓦举行")).toEqual(["日内瓦举行"]);
    expect(searchTerms("Genève genève")).toEqual(["Genève", "genève"]);
    expect(searchTerms('""  ')).toEqual([]);
    expect(searchTerms(Array.from({ length: 30 }, (_, i) => `w${i}`).join(" "))).toHaveLength(MAX_SEARCH_TERMS);
  });
});
