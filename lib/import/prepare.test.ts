import { describe, expect, it } from "vitest";
import { DEFAULT_LABELS, DEFAULT_VERDICTS } from "../taxonomy/defaults";
import { sliceCodePoints } from "../text/code-points";
import { parseLine } from "./jsonl";
import { deriveStoryKey, prepareArticle, slugify, type Prepared } from "./prepare";
import type { Taxonomy } from "./taxonomy";

const labels = DEFAULT_LABELS.map((l) => ({ id: `label-${l.key}`, key: l.key, kind: l.kind }));
const taxonomy: Taxonomy = {
  labels: new Map(labels.map((l) => [l.key, l])),
  verdicts: new Map(DEFAULT_VERDICTS.map((v) => [v.key, { id: `verdict-${v.key}`, key: v.key }])),
  defaultClaimLabel: labels.find((l) => l.kind === "CLAIM")!,
};

function prepare(line: object): Prepared {
  const parsed = parseLine(JSON.stringify(line));
  if (!parsed.ok) return { ok: false, reason: parsed.reason, code: "INVALID_INPUT" };
  return prepareArticle(1, parsed.value, { taxonomy });
}

describe("parseLine", () => {
  it("names the field and the problem", () => {
    expect(parseLine('{"language": "en"}')).toEqual({ ok: false, reason: "text: is required" });
    expect(
      parseLine('{"language": "en", "text": "x", "spans": [{"start": "1", "end": 2, "text": "x", "kind": "entity"}]}'),
    ).toEqual({
      ok: false,
      reason: 'spans[0]: start "1" is not a whole number of code points',
    });
    expect(parseLine("[]")).toEqual({ ok: false, reason: "expected one JSON object per line" });
    expect(parseLine("{")).toMatchObject({ ok: false, reason: expect.stringMatching(/^not valid JSON/) });
  });

  it("accepts numeric external ids and ignores unknown fields", () => {
    expect(parseLine('{"language": "en", "text": "x", "external_id": 42, "extra": true}')).toMatchObject({
      ok: true,
      value: { external_id: "42" },
    });
  });
});

describe("prepareArticle", () => {
  it("canonicalizes the language and derives a stable story key", () => {
    const a = prepare({ language: "ZH-hans", text: "日内瓦", title: "中美 对话" });
    const b = prepare({ language: "zh-Hans", text: "日内瓦", title: "中美 对话" });
    expect(a).toMatchObject({ ok: true, article: { language: "zh-Hans" } });
    expect(a.ok && b.ok && a.article.storyKey === b.article.storyKey).toBe(true);
    expect(a.ok && a.article.storyKey).toMatch(/^中美-对话-[0-9a-f]{8}$/);
  });

  it("remaps spans through normalization and records quote context", () => {
    const raw = "Cafe\u0301\r\nin Gene\u0300ve";
    const start = [...raw].indexOf("G");
    const result = prepare({
      language: "fr",
      text: raw,
      spans: [{ start, end: start + 7, text: "Gene\u0300ve", kind: "entity", label: "gpe" }],
    });
    if (!result.ok) throw new Error(result.reason);
    const [span] = result.article.spans;
    expect(result.article.text).toBe("Café\nin Genève");
    expect(span).toMatchObject({ start: 8, end: 14, quote: "Genève", prefix: "Café\nin ", suffix: "" });
    expect(span!.label?.key).toBe("GPE");
    expect(sliceCodePoints(result.article.text, span!.start, span!.end)).toBe(span!.quote);
  });

  it("gives claim spans the claim label and refuses mismatched kinds", () => {
    const ok = prepare({
      language: "en",
      text: "It happened.",
      spans: [{ start: 0, end: 11, text: "It happened", kind: "claim" }],
    });
    expect(ok.ok && ok.article.spans[0]!.label?.key).toBe("CLAIM");
    const bad = prepare({
      language: "en",
      text: "It happened.",
      spans: [{ start: 0, end: 2, text: "It", kind: "entity", label: "PERSON", claim: "x" }],
    });
    expect(bad).toMatchObject({ ok: false, reason: expect.stringMatching(/entity span cannot link a claim/) });
  });

  it("imports a repeated span once, with a warning", () => {
    const span = { start: 0, end: 2, text: "It", kind: "entity", label: "MISC" };
    const result = prepare({ language: "en", text: "It is.", spans: [span, span] });
    expect(result.ok && result.article.spans).toHaveLength(1);
    expect(result.ok && result.article.warnings[0]).toMatch(/appears twice/);
  });

  it("refuses a text that normalization empties, and an unknown verdict", () => {
    expect(prepare({ language: "en", text: "\u0007\u0000" })).toMatchObject({ ok: false, code: "EMPTY_TEXT" });
    expect(
      prepare({ language: "en", text: "x", claims: [{ key: "c", statement: "s", verdict: "PANTS_ON_FIRE" }] }),
    ).toMatchObject({ ok: false, code: "UNKNOWN_REFERENCE", reason: expect.stringMatching(/unknown verdict/) });
  });
});

describe("story keys", () => {
  it("slugifies in any script", () => {
    expect(slugify("Varnhamn switches its ferries — to shore power!")).toBe(
      "varnhamn-switches-its-ferries-to-shore-power",
    );
    expect(slugify("محادثات جنيف")).toBe("محادثات-جنيف");
    expect(deriveStoryKey("ext-1", "Title", "ab".repeat(32))).toBe("ext-1");
    expect(deriveStoryKey(null, null, "ab".repeat(32))).toBe("article-abababababab");
  });
});
