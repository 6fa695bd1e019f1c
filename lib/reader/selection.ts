/**
 * Turning what the browser selected (UTF-16 indices into an article's text)
 * into a span range: trimmed of surrounding white space, widened to whole
 * words (Intl.Segmenter for the article's language) or — per character — to
 * whole grapheme clusters (an emoji or a letter with its combining marks is
 * never split), and converted to code points for the server.
 */
import { OffsetIndex } from "../text/code-points";
import { isGraphemeBoundaryAt } from "../text/graphemes";

export interface TextRange {
  start: number;
  end: number;
}

export interface SnapOptions {
  /** "word" (the default): widen to whole words; "grapheme": per character. */
  by?: "word" | "grapheme";
  /** The text's language (BCP 47), for the word segmenter. */
  locale?: string;
}

const SPACE = /\s/u;
/** Inside one segmenter word these still part two words a reader tags apart: "l'Union", "Europe's", "FN:s". */
const INNER_BREAK = /['’:]/u;
/** Text looked at on each side of an edge: far more than any word, far less than an article. */
const WINDOW = 256;

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

const wordSegmenters = new Map<string, Intl.Segmenter>();

function wordSegmenter(locale: string | undefined): Intl.Segmenter {
  const key = locale ?? "";
  let segmenter = wordSegmenters.get(key);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    } catch {
      segmenter = new Intl.Segmenter(undefined, { granularity: "word" }); // not a valid tag
    }
    wordSegmenters.set(key, segmenter);
  }
  return segmenter;
}

/**
 * The word around the character at UTF-16 index `at` ([start, end) in `text`),
 * or null when that character is not part of a word (space, punctuation,
 * emoji). Only a window around `at` is segmented, so long texts cost nothing.
 */
export function wordAt(text: string, at: number, locale?: string): TextRange | null {
  if (at < 0 || at >= text.length) return null;
  const from = Math.max(0, at - WINDOW);
  const piece = text.slice(from, Math.min(text.length, at + WINDOW));
  const segment = wordSegmenter(locale)
    .segment(piece)
    .containing(at - from);
  if (!segment?.isWordLike) return null;
  let start = from + segment.index;
  let end = start + segment.segment.length;
  for (let u = at; u > start; u--) {
    if (INNER_BREAK.test(text[u - 1]!)) {
      start = u;
      break;
    }
  }
  for (let u = at; u < end; u++) {
    if (INNER_BREAK.test(text[u]!)) {
      end = u;
      break;
    }
  }
  return end > start ? { start, end } : null;
}

/**
 * A selection [a, b) or [b, a) in UTF-16 indices, trimmed of white space and
 * widened to whole words (or, `by: "grapheme"`, whole grapheme clusters); null
 * when nothing but white space is left.
 */
export function snapSelection(text: string, a: number, b: number, options: SnapOptions = {}): TextRange | null {
  let start = Math.min(a, b);
  let end = Math.max(a, b);
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  start = boundaryAtOrBefore(text, start);
  end = boundaryAtOrAfter(text, end);
  if (end <= start) return null;
  if ((options.by ?? "word") === "word") {
    start = Math.min(start, wordAt(text, start, options.locale)?.start ?? start);
    end = Math.max(end, wordAt(text, end - 1, options.locale)?.end ?? end);
  }
  return { start, end };
}

/** A UTF-16 range as the code-point range and quote a span mutation carries. */
export function toSpanRange(index: OffsetIndex, range: TextRange): { start: number; end: number; quote: string } {
  return {
    start: index.toCodePoint(range.start),
    end: index.toCodePoint(range.end),
    quote: index.text.slice(range.start, range.end),
  };
}
