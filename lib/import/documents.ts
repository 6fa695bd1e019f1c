/**
 * Single documents (pasted or uploaded) reduced to article text:
 *
 * - `txt`:  taken as it is — a literal "<script>" in a .txt file is text.
 * - `html`: parsed (htmlparser2, through html-to-text), reduced to its visible
 *           text with paragraphs as blank-line-separated blocks; scripts,
 *           styles, templates, embedded frames and images are dropped, and
 *           no markup survives: entities are decoded into the characters
 *           they stand for, so "&lt;script&gt;" becomes the text "<script>".
 * - `md`:   Markdown (CommonMark + GFM, via marked) rendered to HTML, then as
 *           HTML; inline HTML in Markdown is HTML, as CommonMark says.
 *
 * The result is normalized later with the rest of the import.
 */
import { convert, type HtmlToTextOptions } from "html-to-text";
import { marked } from "marked";

export const DOCUMENT_FORMATS = ["txt", "md", "html"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export interface DocumentText {
  text: string;
  /** A title found in the document (HTML <title> or first <h1>, Markdown's first heading), if any. */
  title: string | null;
}

const DROPPED = [
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "canvas",
  "svg",
  "audio",
  "video",
  "img",
  "picture",
  "button",
  "select",
  "input",
  "textarea",
];

const block = (selector: string, lineBreaks = 2) => ({
  selector,
  format: "block",
  options: { leadingLineBreaks: lineBreaks, trailingLineBreaks: lineBreaks },
});

const TEXT_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  preserveNewlines: false,
  decodeEntities: true,
  selectors: [
    ...DROPPED.map((selector) => ({ selector, format: "skip" })),
    // Links and images keep only their visible text.
    { selector: "a", options: { ignoreHref: true } },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => ({ selector: h, options: { uppercase: false } })),
    // Quotes, tables and figures as plain blocks: no "> " or column padding.
    block("blockquote"),
    block("figure"),
    block("figcaption", 1),
    block("table"),
    block("tr", 1),
    { selector: "td", format: "tableCell" },
    { selector: "th", format: "tableCell" },
    { selector: "ul", options: { itemPrefix: "• " } },
    { selector: "hr", format: "skip" },
  ],
};

// Cells of a row are separated by a tab (trailing ones are trimmed by tidy()).
TEXT_OPTIONS.formatters = {
  tableCell(elem, walk, builder) {
    walk(elem.children, builder);
    builder.addLiteral("\t");
  },
};

export function htmlToText(html: string): DocumentText {
  const text = convert(html, TEXT_OPTIONS);
  const title =
    clean(convert(html, { ...TEXT_OPTIONS, baseElements: { selectors: ["title"], returnDomByDefault: false } })) ??
    clean(
      convert(html, {
        ...TEXT_OPTIONS,
        baseElements: { selectors: ["h1"], returnDomByDefault: false },
        limits: { maxBaseElements: 1 },
      }),
    );
  return { text: tidy(text), title };
}

export function markdownToText(markdown: string): DocumentText {
  const html = marked.parse(markdown, { async: false, gfm: true });
  const { text } = htmlToText(html);
  const heading = marked.lexer(markdown).find((t) => t.type === "heading");
  const title =
    heading && "text" in heading ? clean(htmlToText(marked.parseInline(heading.text, { async: false })).text) : null;
  return { text, title };
}

export function documentToText(format: DocumentFormat, content: string): DocumentText {
  switch (format) {
    case "txt":
      return { text: content, title: null };
    case "html":
      return htmlToText(content);
    case "md":
      return markdownToText(content);
  }
}

export { formatFromFileName } from "./file-format";

/** Trailing spaces on lines and runs of blank lines left by block formatting. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

function clean(value: string): string | null {
  const s = value.replace(/\s+/g, " ").trim();
  return s === "" ? null : s;
}
