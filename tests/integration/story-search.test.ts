import { beforeAll, describe, expect, it } from "vitest";
import { importJsonl } from "@/lib/import";
import { searchStories } from "@/lib/stories/search";
import { fold } from "@/lib/text/fold";
import { testDb } from "./db";
import { SEARCH_PREFIX, searchFixtureJsonl } from "./support/search-fixtures";

const db = testDb();
const talks = `${SEARCH_PREFIX}quellmoor-talks`;
const apart = `${SEARCH_PREFIX}vantablue-cordova`;
const pact = `${SEARCH_PREFIX}vantablue-cordovex-pact`;
const onlyOne = `${SEARCH_PREFIX}only-vantablue`;

const keys = async (q: string, more: Parameters<typeof searchStories>[1] = {}) =>
  (await searchStories(db, { q, pageSize: 100, ...more })).stories
    .map((s) => s.key)
    .filter((k) => k.startsWith(SEARCH_PREFIX));

/** The snippet's match, checked against the article's stored text at its code-point offset. */
async function checkedSnippet(q: string, key: string, language: string) {
  const story = (await searchStories(db, { q, pageSize: 100 })).stories.find((s) => s.key === key);
  const snippet = story?.snippets.find((s) => s.language === language);
  expect(snippet, `a ${language} snippet for ${q}`).toBeDefined();
  const article = await db.article.findUniqueOrThrow({ where: { id: snippet!.articleId } });
  const field = [...(snippet!.field === "title" ? article.title! : article.text)];
  expect(field.slice(snippet!.start, snippet!.start + [...snippet!.match].length).join("")).toBe(snippet!.match);
  return snippet!;
}

beforeAll(async () => {
  const report = await importJsonl(db, { content: searchFixtureJsonl() });
  expect(report.rejected).toEqual([]);
});

describe("story search folds accents and case", () => {
  it("finds Genève by Geneve, GENEVE and genève, and shows the original spelling", async () => {
    for (const q of ["Geneve", "GENEVE", "genève"]) expect(await keys(q)).toEqual([talks]);
    const snippet = await checkedSnippet("geneve", talks, "sv");
    expect(snippet).toMatchObject({ field: "text", match: "Genève" });
    // In the French title (with a typographic apostrophe before it): the title is shown first.
    expect(await checkedSnippet("Geneve", talks, "fr")).toMatchObject({ field: "title", match: "Genève" });
  });

  it("places matches exactly where folding changes the length before them", async () => {
    // "…" folds to "..." and "ß" to "ss": the match after them is still at its own code points.
    const snippet = await checkedSnippet("fermee strasse", talks, "fr");
    expect(snippet.match).toBe("Straße");
    expect(await keys("STRASSE")).toEqual([talks]);
  });

  it("finds Arabic without harakat, and Chinese substrings without spaces", async () => {
    expect(await keys("العبارات")).toEqual([apart]);
    expect((await checkedSnippet("العبارات", apart, "ar")).match).toBe("العبّارات");
    expect(await keys("日内瓦举行")).toEqual([talks]);
    expect((await checkedSnippet("日内瓦举行", talks, "zh-Hans")).match).toBe("日内瓦举行");
    expect(await keys("日内瓦 乐观")).toEqual([talks]);
  });
});

describe("several words", () => {
  it("match all words in any order, not the exact phrase, ranked with the phrase first", async () => {
    const both = await keys("Vantablue Cordovex");
    expect(both).toEqual([pact, apart]); // the phrase in a title first; the words apart after it
    expect(await keys("cordovex vantablue")).toEqual(expect.arrayContaining([pact, apart]));
    expect(both).not.toContain(onlyOne);
    expect(await keys("Vantablue")).toEqual(expect.arrayContaining([pact, apart, onlyOne]));
    expect(await keys("Vantablue nowhere-to-be-found")).toEqual([]);
  });

  it("keeps a quoted phrase together and ignores punctuation at word ends", async () => {
    expect(await keys('"Vantablue Cordovex"')).toEqual([pact]);
    expect(await keys("Vantablue, Cordovex.")).toEqual([pact, apart]);
  });

  it("counts facets and filters by language under every word", async () => {
    const ar = await searchStories(db, { q: "vantablue cordovex", languages: ["ar"] });
    expect(ar.stories.map((s) => s.key)).toEqual([apart]);
    const all = await searchStories(db, { q: "vantablue cordovex" });
    expect(all.facets.languages).toEqual([
      { value: "en", count: 2 },
      { value: "ar", count: 1 },
    ]);
  });

  it("treats % and _ literally", async () => {
    expect(await keys("Gen%ve")).toEqual([]);
    expect(await keys("Gen_ve")).toEqual([]);
  });
});

describe("the folded copies follow every change", () => {
  it("a renamed story and an edited title are found by their new words", async () => {
    const story = await db.story.findUniqueOrThrow({ where: { key: onlyOne } });
    await db.story.update({ where: { id: story.id }, data: { title: "Ålesund branch of Vantablue" } });
    expect(await keys("alesund")).toEqual([onlyOne]);
    const article = await db.article.findFirstOrThrow({ where: { storyId: story.id } });
    await db.article.update({ where: { id: article.id }, data: { title: "Nouvel ÉTÉ" } });
    expect(await keys("nouvel ete alesund")).toEqual([onlyOne]);
    const row = await db.articleSearch.findUniqueOrThrow({ where: { articleId: article.id } });
    expect(row.titles).toBe(`${fold("Ålesund branch of Vantablue")}\n${fold("Nouvel ÉTÉ")}`);
    expect(row.text).toBe(fold(article.text));
  });
});
