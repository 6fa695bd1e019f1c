/**
 * The markup of a block of paragraphs that has never been near the viewport:
 * exactly what ParagraphText renders for them undrawn (a `p` with its text),
 * as one string. A block sets it as its inner HTML, so hydrating it makes one
 * element rather than three per paragraph (its component, the `p`, the text):
 * the 2 MB article has 5,000 paragraphs, and most are never drawn.
 */
import { PARAGRAPH_CLASS } from "./ParagraphText";

/** As React escapes text, so the markup is byte for byte what it would render. */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** `paragraphs` are UTF-16 ranges of `text`; the first is paragraph `first`. */
export function plainMarkup(
  first: number,
  text: string,
  paragraphs: readonly { start: number; end: number }[],
): string {
  let html = "";
  paragraphs.forEach((p, k) => {
    html += `<p data-p="${first + k}" data-o="${p.start}" class="${PARAGRAPH_CLASS}">${escapeText(text.slice(p.start, p.end))}</p>`;
  });
  return html;
}
