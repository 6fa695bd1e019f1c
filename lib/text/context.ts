/**
 * The words around a place in a text, to tell identical quotes apart ("SV
 * Kina" five times): up to `size` UTF-16 units on each side, within the
 * paragraph (never past a line break), cut at a space so no word is split,
 * with an ellipsis where the text goes on.
 */
export interface QuoteContext {
  before: string;
  after: string;
}

/** `start`/`end` are UTF-16 indices into `text`. */
export function contextAround(text: string, start: number, end: number, size = 40): QuoteContext {
  let from = Math.max(0, start - size);
  const lineStart = text.lastIndexOf("\n", start - 1);
  if (lineStart >= from) from = lineStart + 1;
  let to = Math.min(text.length, end + size);
  const lineEnd = text.indexOf("\n", end);
  if (lineEnd >= 0 && lineEnd < to) to = lineEnd;

  let before = text.slice(from, start);
  if (from > 0 && from !== lineStart + 1) {
    // Cut inside a word: start after its end.
    if (!/\s/.test(text[from - 1]!)) {
      const space = before.search(/\s/);
      before = space >= 0 ? before.slice(space + 1) : before;
    }
    before = `…${before}`;
  }
  let after = text.slice(end, to);
  if (to < text.length && to !== lineEnd) {
    if (!/\s/.test(text[to]!)) {
      const space = after.search(/\s\S*$/);
      after = space > 0 ? after.slice(0, space) : after;
    }
    after = `${after.trimEnd()}…`;
  }
  // A low surrogate left at the start, or a high one at the end, is half an emoji: drop it.
  return { before: before.replace(/^[\uDC00-\uDFFF]/, ""), after: after.replace(/[\uD800-\uDBFF]$/, "") };
}
