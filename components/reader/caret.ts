/**
 * Caret mode: a keyboard selection inside one pane's text. Positions are
 * UTF-16 indices on grapheme boundaries; moves are by grapheme, by word or
 * by paragraph. Right-to-left panes swap ← and →, as the reader sees them.
 */
import { nextBoundary, previousBoundary } from "@/lib/reader/selection";

export interface Caret {
  pane: number;
  anchor: number;
  focus: number;
}

export type CaretMove = "left" | "right" | "wordLeft" | "wordRight" | "up" | "down" | "home" | "end";

const WORD = /[\p{L}\p{N}\p{M}]/u;

export function moveCaret(
  text: string,
  paragraphs: readonly { start: number; end: number }[],
  at: number,
  move: CaretMove,
  rtl: boolean,
): number {
  const logical =
    rtl && (move === "left" || move === "right" || move === "wordLeft" || move === "wordRight")
      ? ({ left: "right", right: "left", wordLeft: "wordRight", wordRight: "wordLeft" } as const)[move]
      : move;
  const p = paragraphAt(paragraphs, at);
  const para = paragraphs[p];
  switch (logical) {
    case "right":
      return para && at >= para.end && paragraphs[p + 1] ? paragraphs[p + 1]!.start : nextBoundary(text, at);
    case "left":
      return para && at <= para.start && p > 0 ? paragraphs[p - 1]!.end : previousBoundary(text, at);
    case "wordRight": {
      let u = at;
      while (u < text.length && !WORD.test(text[u]!)) u++;
      while (u < text.length && WORD.test(text[u]!)) u++;
      return nextBoundary(text, Math.max(at, u - 1));
    }
    case "wordLeft": {
      let u = at;
      while (u > 0 && !WORD.test(text[u - 1]!)) u--;
      while (u > 0 && WORD.test(text[u - 1]!)) u--;
      return u;
    }
    case "up":
      return paragraphs[Math.max(0, p - 1)]?.start ?? at;
    case "down":
      return paragraphs[Math.min(paragraphs.length - 1, p + 1)]?.start ?? at;
    case "home":
      return para?.start ?? at;
    case "end":
      return para?.end ?? at;
  }
}

/** The paragraph containing (or last starting before) UTF-16 index `at`. */
export function paragraphAt(paragraphs: readonly { start: number; end: number }[], at: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (paragraphs[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What the caret covers: the selection, or the grapheme at the caret when nothing is selected. */
export function caretRange(text: string, caret: Caret): { start: number; end: number } {
  if (caret.anchor !== caret.focus)
    return { start: Math.min(caret.anchor, caret.focus), end: Math.max(caret.anchor, caret.focus) };
  return { start: caret.focus, end: Math.max(caret.focus, nextBoundary(text, caret.focus)) };
}
