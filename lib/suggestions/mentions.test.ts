import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prepareText } from "../articles/prepare";
import { DEMO_ARTICLES } from "../demo/newsroom";
import { sliceCodePoints } from "../text/code-points";
import { findMentions, type Mention, type MentionArticle } from "./mentions";
import { corpusFile } from "../../tests/support/corpus-dir";

// The fixture corpus (tests/fixtures/corpus): its gold is complete for the entities used here.
const jsonl = (file: string) =>
  readFileSync(corpusFile(file), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

const corpus: MentionArticle[] = jsonl("articles.jsonl").map(
  (a: { external_id: string; language: string; text: string }) => ({
    id: a.external_id,
    language: a.language,
    text: prepareText(a.text).text,
  }),
);
const gold = new Map<string, { start: number; end: number; text: string; entity?: string }[]>(
  jsonl("gold-spans.jsonl").map((g: { external_id: string; spans: never[] }) => [g.external_id, g.spans]),
);
const demo: MentionArticle[] = DEMO_ARTICLES.map((a) => ({
  id: a.externalId,
  language: a.language,
  text: prepareText(a.paragraphs.join("\n\n")).text,
}));

const where = (mentions: Mention[]) => mentions.map((m) => `${m.articleId}:${m.start}-${m.end}:${m.quote}`);
const goldOf = (entity: string) =>
  [...gold].flatMap(([id, spans]) =>
    spans.filter((s) => s.entity === entity).map((s) => `${id}:${s.start}-${s.end}:${s.text}`),
  );

describe("suggested mentions on the fixture corpus", () => {
  it("finds the corpus texts where the gold says", () => {
    // The normalized texts keep the gold offsets (nothing to normalize before them).
    for (const a of corpus) {
      for (const s of gold.get(a.id) ?? []) expect(sliceCodePoints(a.text, s.start, s.end)).toBe(s.text);
    }
  });

  it('offers French "université de Kestrel" after "Kestrel University" is linked, and the exact English and Swedish forms', () => {
    const found = findMentions(
      corpus.filter((a) => a.language !== "zh-Hans" && a.language !== "ar"),
      { name: "Kestrel University", aliases: [] },
    );
    expect(where(found)).toEqual(goldOf("kestrel-university").filter((g) => !/^fx-arctic-(zh|ar)/.test(g)));
    expect(found).toHaveLength(5);
    const fr = found.find((m) => m.language === "fr")!;
    expect(fr).toMatchObject({ quote: "université de Kestrel", reason: "cognate" });
    expect(found.filter((m) => m.language !== "fr").every((m) => m.reason === "name")).toBe(true);
  });

  it("finds Chinese and Arabic names as substrings, with nothing around them to mark word boundaries", () => {
    const found = findMentions(corpus, { name: "Kestrel University", aliases: ["凯斯特尔大学", "جامعة كستريل"] });
    const zh = found.filter((m) => m.language === "zh-Hans");
    expect(where(zh)).toEqual(goldOf("kestrel-university").filter((g) => g.startsWith("fx-arctic-zh")));
    expect(zh[0]!.reason).toBe("alias");
    expect(where(found)).toEqual(goldOf("kestrel-university"));
  });

  it("finds every gold mention of Gothenburg from its name and aliases, and nothing else", () => {
    const found = findMentions(corpus, { name: "Gothenburg", aliases: ["Göteborg", "哥德堡", "غوتنبرغ"] });
    expect(new Set(where(found))).toEqual(new Set(goldOf("gothenburg")));
    expect(found).toHaveLength(9);
  });

  it("leaves out what a span of the entity already covers", () => {
    const [first, ...rest] = goldOf("baltic-courier");
    const [id, range] = first!.split(":");
    const [start, end] = range!.split("-").map(Number);
    expect(id).toBe("fx-tidal-sv");
    const found = findMentions(corpus, { name: "Baltic Courier", aliases: [] }, [
      { articleId: id!, start: start!, end: end! },
    ]);
    expect(where(found)).toEqual(rest);
    expect(rest).toHaveLength(4);
  });

  it("does not match inside words or in the wrong case", () => {
    const text = "Apple pie and apple juice. Kielce is not Kiel. Eu falo, EU decides. The AI said: AI.";
    const one = [{ id: "t", language: "en", text }];
    expect(findMentions(one, { name: "Apple", aliases: [] }).map((m) => m.start)).toEqual([0]);
    expect(findMentions(one, { name: "Kiel", aliases: [] }).map((m) => m.quote)).toEqual(["Kiel"]);
    expect(findMentions(one, { name: "EU", aliases: [] }).map((m) => m.start)).toEqual([text.indexOf("EU")]);
    expect(findMentions(one, { name: "AI", aliases: [] })).toHaveLength(2);
    // A lowercase name (a common word) matches in any case.
    expect(findMentions(one, { name: "apple juice", aliases: [] }).map((m) => m.quote)).toEqual(["apple juice"]);
  });
});

describe("suggested mentions on the demo newsroom", () => {
  it("matches the capitalised dateline, the Swedish genitive and the Arabic and Chinese forms", () => {
    const found = findMentions(demo, { name: "Varnhamn", aliases: ["瓦恩港", "فارنهامن"] });
    const quotes = (language: string) => found.filter((m) => m.language === language).map((m) => m.quote);
    expect(quotes("en")).toEqual(["VARNHAMN", "Varnhamn", "Varnhamn"]);
    expect(quotes("sv")).toEqual(["VARNHAMN", "Varnhamns", "Varnhamns"]);
    expect(quotes("zh-Hans")).toEqual(["瓦恩港", "瓦恩港"]);
    expect(quotes("ar")).toEqual(["فارنهامن", "فارنهامن"]);
    for (const m of found) {
      const text = demo.find((a) => a.id === m.articleId)!.text;
      expect(sliceCodePoints(text, m.start, m.end)).toBe(m.quote);
    }
  });

  it("reads Arabic with or without its optional diacritics (the shadda in عبّارات)", () => {
    const found = findMentions(demo, { name: "Kattegat Ferries", aliases: ["شركة كاتيغات للعبارات"] });
    expect(found.find((m) => m.language === "ar")).toMatchObject({ quote: "شركة كاتيغات للعبّارات", reason: "alias" });
  });

  it("finds a name after a French elision and an English possessive", () => {
    const found = findMentions(demo, { name: "European Union", aliases: ["Union européenne"] });
    expect(found.map((m) => `${m.language}:${m.quote}`)).toEqual(["en:European Union", "fr:Union européenne"]);
    const text = "Europe's largest port and l’Europe";
    const possessive = findMentions([{ id: "t", language: "en", text }], { name: "Europe", aliases: [] });
    expect(possessive.map((m) => m.start)).toEqual([0, text.lastIndexOf("Europe")]);
  });

  it("offers a cross-language form of a multi-word name", () => {
    const found = findMentions(demo, { name: "Varnhamn Maritime Institute", aliases: [] });
    expect(found.map((m) => `${m.language}:${m.quote}:${m.reason}`)).toEqual([
      "en:Varnhamn Maritime Institute:name",
      "fr:institut maritime de Varnhamn:cognate",
    ]);
  });
});

describe("offsets of suggested mentions", () => {
  it("counts code points past emoji and astral characters", () => {
    const text = "👨‍👩‍👧 🇸🇪 𠀋 met Ingrid Halvorsen in Kiel";
    const [m] = findMentions([{ id: "t", language: "en", text }], { name: "Ingrid Halvorsen", aliases: [] });
    expect(m!.start).toBe([...text.slice(0, text.indexOf("Ingrid"))].length);
    expect(sliceCodePoints(text, m!.start, m!.end)).toBe("Ingrid Halvorsen");
  });

  it("widens a substring match to whole grapheme clusters", () => {
    // Thai has no spaces; the name typed without its final vowel sign still covers the whole cluster.
    const text = "สวัสดีครับ";
    const [m] = findMentions([{ id: "t", language: "th", text }], { name: "สวัสด", aliases: [] });
    expect(m!.quote).toBe("สวัสดี");
  });

  it("needs every word of a name, and the distinctive one exactly", () => {
    const one = (text: string) =>
      findMentions([{ id: "t", language: "fr", text }], { name: "Tsinghua University", aliases: [] });
    expect(one("à l'université de Pékin")).toEqual([]);
    expect(one("l'université de tsinghua")).toEqual([]); // the distinctive word keeps its capital
    expect(one("Tsinghua, université")).toEqual([]); // a comma ends the run
    expect(one("l’université de Tsinghua").map((m) => m.quote)).toEqual(["université de Tsinghua"]);
  });
});
