/**
 * A block not yet drawn sets plainMarkup as its inner HTML: it must be the
 * very markup ParagraphText renders for those paragraphs undrawn, for every
 * script and for text that needs escaping, or the page would change when a
 * block is first drawn (and selection offsets would not match).
 */
import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ParagraphText } from "./ParagraphText";
import { plainMarkup } from "./plain-markup";

function reactMarkup(first: number, text: string, paragraphs: { start: number; end: number }[]): string {
  return renderToStaticMarkup(
    createElement(
      Fragment,
      null,
      paragraphs.map((p, k) =>
        createElement(ParagraphText, {
          key: k,
          index: first + k,
          text,
          start: p.start,
          end: p.end,
          spans: [],
          pending: null,
          near: false,
        }),
      ),
    ),
  );
}

/** UTF-16 ranges of the paragraphs of `text` split on blank lines. */
function paragraphsOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let at = 0;
  for (const part of text.split("\n\n")) {
    out.push({ start: at, end: at + part.length });
    at += part.length + 2;
  }
  return out;
}

describe("plainMarkup", () => {
  const texts = {
    markup: `Tags <b>bold</b> & "quotes" 'apostrophes' > arrows <!-- comment --> </p>\n\nSecond & last`,
    emoji: "Flags 🇸🇪 and families 👩‍👩‍👧 and skin tones 👍🏽.\n\nCombining: e\u0301 a\u0300 n\u0303.",
    arabic: "قال المتحدث إن الميناء سيفتح في مارس.\n\nوأضاف أن «الاتفاق» نهائي.",
    chinese: "瓦恩港的潮汐能谈判于三月举行。\n\n双方同意继续会谈。",
    whitespace: "Line one\nline two\ttabbed  spaced\n\n\u00a0non-breaking",
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`is the markup React renders for undrawn paragraphs: ${name}`, () => {
      const paragraphs = paragraphsOf(text);
      expect(plainMarkup(40, text, paragraphs)).toBe(reactMarkup(40, text, paragraphs));
    });
  }

  it("escapes what would otherwise be read as markup", () => {
    const text = "<script>alert(1)</script> & <img src=x onerror=alert(1)>";
    const html = plainMarkup(0, text, [{ start: 0, end: text.length }]);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img");
  });
});
