/**
 * W3C TextQuoteSelector parts for a span: the exact quote plus a little
 * context before and after, by which a span is found again in a new revision.
 */
import { OffsetIndex } from "./code-points";

export const CONTEXT_LENGTH = 32;

export interface QuoteSelector {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** Quote, prefix and suffix of the code-point range [start, end). */
export function quoteAt(index: OffsetIndex, start: number, end: number, context = CONTEXT_LENGTH): QuoteSelector {
  return {
    start,
    end,
    quote: index.slice(start, end),
    prefix: index.slice(Math.max(0, start - context), start),
    suffix: index.slice(end, Math.min(index.length, end + context)),
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
