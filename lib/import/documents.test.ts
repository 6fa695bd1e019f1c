import { describe, expect, it } from "vitest";
import { formatFromFileName, htmlToText, markdownToText } from "./documents";

describe("htmlToText", () => {
  it("keeps visible text with its paragraphs and nothing of the markup", () => {
    const { text, title } = htmlToText(
      `<html><head><title>A &amp; B</title><style>.x{}</style></head><body>
       <p>One <em>two</em>&nbsp;three.</p><script>steal()</script><noscript>js off</noscript>
       <iframe src="x">frame</iframe><svg><text>vector</text></svg><img alt="photo" src="p.png">
       <table><tr><th>Year</th><th>Ships</th></tr><tr><td>2024</td><td>2</td></tr></table>
       <blockquote><p>Quoted.</p></blockquote><p>&lt;b&gt;not bold&lt;/b&gt;</p></body></html>`,
    );
    expect(title).toBe("A & B");
    expect(text).toBe("One two\u00a0three.\n\nYear\tShips\n2024\t2\n\nQuoted.\n\n<b>not bold</b>");
  });

  it("keeps right-to-left and CJK text as it is", () => {
    expect(htmlToText("<p>افتتح ميناء فارنهامن</p><p>瓦恩港</p>").text).toBe("افتتح ميناء فارنهامن\n\n瓦恩港");
  });
});

describe("markdownToText", () => {
  it("drops the Markdown syntax and raw HTML scripts", () => {
    const { text, title } = markdownToText(
      "## The *port*\n\nText with `code` and [a link](https://x.org).\n\n<script>x()</script>\n\n1. first\n2. second",
    );
    expect(title).toBe("The port");
    expect(text).toBe("The port\n\nText with code and a link.\n\n 1. first\n 2. second");
  });
});

describe("formatFromFileName", () => {
  it.each([
    ["story.JSONL", "jsonl"],
    ["a.ndjson", "jsonl"],
    ["page.htm", "html"],
    ["notes.md", "md"],
    ["plain.txt", "txt"],
    ["archive.zip", null],
    ["noextension", null],
  ])("%s → %s", (name, format) => {
    expect(formatFromFileName(name)).toBe(format);
  });
});
