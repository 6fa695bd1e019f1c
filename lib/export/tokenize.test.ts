import { describe, expect, it } from "vitest";
import { bioSentences, resolveOverlaps, sentenceStarts, tokenize } from "./tokenize";

const texts = (tokens: { text: string }[]) => tokens.map((t) => t.text);
const slice = (text: string, start: number, end: number) => [...text].slice(start, end).join("");

describe("tokenize", () => {
  it("splits words and punctuation, never keeps whitespace", () => {
    expect(texts(tokenize('Port director Ingrid Halvorsen said, "Finally."', "en"))).toEqual([
      "Port",
      "director",
      "Ingrid",
      "Halvorsen",
      "said",
      ",",
      '"',
      "Finally",
      ".",
      '"',
    ]);
  });

  it("gives every Han character its own token, whatever ICU's dictionary would do", () => {
    expect(texts(tokenize("古文𠀋字在清华大学展出。", "zh-Hans"))).toEqual([..."古文𠀋字在清华大学展出。"]);
    expect(texts(tokenize("東京でカレーを食べた", "ja"))).toEqual([..."東京でカレーを食べた"]);
    expect(texts(tokenize("𠀋𪚥 𠀋", "zh-Hans"))).toEqual(["𠀋", "𪚥", "𠀋"]);
  });

  it("keeps emoji, flags and combining marks whole, with code-point offsets", () => {
    const text = "Family 👨‍👩‍👧 waved 🇸🇪 at the x\u0304 mark";
    const tokens = tokenize(text, "en");
    expect(texts(tokens)).toEqual(["Family", "👨‍👩‍👧", "waved", "🇸🇪", "at", "the", "x\u0304", "mark"]);
    for (const t of tokens) expect(slice(text, t.start, t.end)).toBe(t.text);
  });

  it("tokenizes right-to-left scripts", () => {
    const text = "افتتحت عبّارات الشمال خطاً جديداً. ראש העיר של ירושלים";
    const tokens = tokenize(text, "ar");
    expect(texts(tokens)).toContain("عبّارات");
    expect(texts(tokens)).toContain("ירושלים");
    for (const t of tokens) expect(slice(text, t.start, t.end)).toBe(t.text);
  });

  it("cuts tokens at span boundaries inside a word", () => {
    expect(texts(tokenize("OpenAI's model", "en", [0, 6]))).toEqual(["OpenAI", "'s", "model"]);
  });
});

describe("sentenceStarts", () => {
  it("finds sentence starts in code points (a blank line is a sentence of its own)", () => {
    const text = "🌙 One. Two.\n\n三。四";
    const starts = sentenceStarts(text, "en");
    expect(starts[0]).toBe(0);
    expect(starts.map((s) => [...text][s]).filter((c) => c !== "\n")).toEqual(["🌙", "T", "三", "四"]);
  });
});

describe("resolveOverlaps", () => {
  const span = (id: string, start: number, end: number) => ({ id, start, end, label: "X" });

  it("keeps the longest span, then the earliest, then the smallest id", () => {
    const kept = resolveOverlaps([
      span("inner", 0, 8),
      span("outer", 0, 19),
      span("later", 9, 19),
      span("after", 20, 25),
    ]);
    expect(kept.map((s) => s.id)).toEqual(["outer", "after"]);
    expect(resolveOverlaps([span("b", 5, 10), span("a", 2, 7)]).map((s) => s.id)).toEqual(["a"]);
    expect(resolveOverlaps([span("b", 2, 7), span("a", 2, 7)]).map((s) => s.id)).toEqual(["a"]);
  });

  it("keeps touching spans (end is exclusive)", () => {
    expect(resolveOverlaps([span("a", 0, 5), span("b", 5, 9)]).map((s) => s.id)).toEqual(["a", "b"]);
  });
});

describe("bioSentences", () => {
  it("tags B- then I-, and O outside entities", () => {
    const text = "Researchers at Tsinghua University met Ingrid Halvorsen.";
    const spans = [
      { id: "1", start: 15, end: 34, label: "ORG" },
      { id: "2", start: 15, end: 23, label: "ORG" }, // nested: loses
      { id: "3", start: 39, end: 55, label: "PERSON" },
    ];
    const [sentence, ...rest] = bioSentences(text, "en", spans);
    expect(rest).toEqual([]);
    expect(sentence!.map((t) => `${t.text}/${t.tag}`)).toEqual([
      "Researchers/O",
      "at/O",
      "Tsinghua/B-ORG",
      "University/I-ORG",
      "met/O",
      "Ingrid/B-PERSON",
      "Halvorsen/I-PERSON",
      "./O",
    ]);
  });

  it("starts a new B- for adjacent entities of the same type", () => {
    const text = "Kiel Varnhamn";
    const tags = bioSentences(text, "en", [
      { id: "a", start: 0, end: 4, label: "GPE" },
      { id: "b", start: 5, end: 13, label: "GPE" },
    ])[0]!.map((t) => t.tag);
    expect(tags).toEqual(["B-GPE", "B-GPE"]);
  });

  it("merges the sentences an entity crosses", () => {
    const text = "It said Dr. No. Then it left.";
    // Whatever the segmenter thinks of "Dr.", the entity "Dr. No" stays in one sentence.
    const sentences = bioSentences(text, "en", [{ id: "a", start: 8, end: 14, label: "PERSON" }]);
    const tagged = sentences.find((s) => s.some((t) => t.tag === "B-PERSON"))!;
    expect(tagged.filter((t) => t.tag !== "O").map((t) => t.text)).toEqual(["Dr", ".", "No"]);
  });

  it("tags Chinese entities character by character", () => {
    const text = "访客来自马尔默。";
    const tokens = bioSentences(text, "zh-Hans", [{ id: "a", start: 4, end: 7, label: "GPE" }]).flat();
    expect(tokens.map((t) => `${t.text}/${t.tag}`)).toEqual([
      "访/O",
      "客/O",
      "来/O",
      "自/O",
      "马/B-GPE",
      "尔/I-GPE",
      "默/I-GPE",
      "。/O",
    ]);
  });

  it("writes label keys with whitespace as one column", () => {
    const tags = bioSentences("New York", "en", [{ id: "a", start: 0, end: 8, label: "BIG CITY" }])[0]!.map(
      (t) => t.tag,
    );
    expect(tags).toEqual(["B-BIG_CITY", "I-BIG_CITY"]);
  });
});

describe("invisible characters and whitespace at span ends", () => {
  it("does not split a word at U+FEFF, nor make a token of a direction mark alone", () => {
    const text = "Gen\uFEFFève said \u200F \u200E\u200F\u2067 yes \u200Fشكرا\u200F.";
    const tokens = tokenize(text, "en");
    expect(texts(tokens)).toEqual(["Gen\uFEFFève", "said", "yes", "شكرا\u200F", "."]);
    for (const t of tokens) expect(slice(text, t.start, t.end)).toBe(t.text);
  });

  it("labels a span that begins with a tab or a no-break space from its first non-space", () => {
    const text = "Met\tBig Town and\u00a0Genève\u00a0 today.";
    const at = (s: string) => [...text.slice(0, text.indexOf(s))].length;
    const spans = [
      { id: "a", start: at("\tBig"), end: at(" and"), label: "LOC" },
      // Ends with spaces and overlaps the next span only by them: both kept.
      { id: "b", start: at("Genève"), end: at(" today"), label: "GPE" },
      { id: "c", start: at("\u00a0Genève"), end: at("Genève"), label: "X" },
    ];
    const tags = bioSentences(text, "en", spans)
      .flat()
      .map((t) => `${t.text}/${t.tag}`);
    expect(tags).toEqual(["Met/O", "Big/B-LOC", "Town/I-LOC", "and/O", "Genève/B-GPE", "today/O", "./O"]);
    const overlapping = bioSentences("Big\u00a0Town", "en", [
      { id: "x", start: 0, end: 4, label: "A" },
      { id: "y", start: 3, end: 8, label: "B" },
    ]);
    expect(overlapping.flat().map((t) => t.tag)).toEqual(["B-A", "B-B"]);
  });
});
