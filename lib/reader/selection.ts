/**
 * Turning what the browser selected (UTF-16 indices into an article's text)
 * into a span range: snapped outwards to whole grapheme clusters (an emoji or
 * a letter with its combining marks is never split), trimmed of surrounding
 * white space, and converted to code points for the server.
 */
import { OffsetIndex } from "../text/code-points";
import { isGraphemeBoundaryAt } from "../text/graphemes";

export interface TextRange {
  start: number;
  end: number;
}

const SPACE = /\s/u;

/** The nearest grapheme boundary at or before UTF-16 index `u`. */
export function boundaryAtOrBefore(text: string, u: number): number {
  let at = Math.max(0, Math.min(u, text.length));
  while (at > 0 && !isGraphemeBoundaryAt(text, at)) at--;
  return at;
}

/** The nearest grapheme boundary at or after UTF-16 index `u`. */
export function boundaryAtOrAfter(text: string, u: number): number {
  let at = Math.max(0, Math.min(u, text.length));
  while (at < text.length && !isGraphemeBoundaryAt(text, at)) at++;
  return at;
}

/** The next grapheme boundary after `u` (or the end). */
export function nextBoundary(text: string, u: number): number {
  return u >= text.length ? text.length : boundaryAtOrAfter(text, u + 1);
}

/** The previous grapheme boundary before `u` (or 0). */
export function previousBoundary(text: string, u: number): number {
  return u <= 0 ? 0 : boundaryAtOrBefore(text, u - 1);
}

/**
 * A selection [a, b) or [b, a) in UTF-16 indices, snapped to whole grapheme
 * clusters and trimmed of white space; null when nothing but white space is
 * left.
 */
export function snapSelection(text: string, a: number, b: number): TextRange | null {
  let start = Math.min(a, b);
  let end = Math.max(a, b);
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  start = boundaryAtOrBefore(text, start);
  end = boundaryAtOrAfter(text, end);
  return end > start ? { start, end } : null;
}

/** A UTF-16 range as the code-point range and quote a span mutation carries. */
export function toSpanRange(index: OffsetIndex, range: TextRange): { start: number; end: number; quote: string } {
  return {
    start: index.toCodePoint(range.start),
    end: index.toCodePoint(range.end),
    quote: index.text.slice(range.start, range.end),
  };
}
