/**
 * W3C TextQuoteSelector parts for a span: the exact quote plus a little
 * context before and after, by which a span is found again in a new revision.
 */
import { OffsetIndex } from "./code-points";
import { isGraphemeBoundaryAt } from "./graphemes";

export const CONTEXT_LENGTH = 32;

export interface QuoteSelector {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/**
 * Quote, prefix and suffix of the code-point range [start, end). The prefix
 * and suffix hold at most `context` code points and are cut on grapheme
 * boundaries, so neither starts or ends inside a cluster (a combining mark
 * without its letter, half an emoji sequence).
 */
export function quoteAt(index: OffsetIndex, start: number, end: number, context = CONTEXT_LENGTH): QuoteSelector {
  let from = Math.max(0, start - context);
  while (from < start && !isGraphemeBoundaryAt(index.text, index.toUtf16(from))) from++;
  let to = Math.min(index.length, end + context);
  while (to > end && !isGraphemeBoundaryAt(index.text, index.toUtf16(to))) to--;
  return {
    start,
    end,
    quote: index.slice(start, end),
    prefix: index.slice(from, start),
    suffix: index.slice(end, to),
  };
}

/**
 * Finds the `occurrence`-th (0-based) appearance of `quote` in the text and
 * returns its selector, or null when there is no such occurrence.
 */
export function findQuote(index: OffsetIndex, quote: string, occurrence = 0): QuoteSelector | null {
  let from = 0;
  for (let n = 0; ; n++) {
    const at = index.text.indexOf(quote, from);
    if (at < 0) return null;
    if (n === occurrence) {
      const start = index.toCodePoint(at);
      return quoteAt(index, start, index.toCodePoint(at + quote.length));
    }
    from = at + 1;
  }
}
