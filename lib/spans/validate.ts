/**
 * The rules every stored span obeys, whoever writes it (editor, import, API):
 * it lies inside its article, starts and ends on grapheme-cluster boundaries,
 * is not empty, and its quote is exactly the text at its code-point offsets.
 */
import { OffsetIndex } from "../text/code-points";
import { isGraphemeBoundaryAt } from "../text/graphemes";

export type SpanProblem =
  | { code: "NOT_INTEGER"; message: string }
  | { code: "EMPTY"; message: string }
  | { code: "OUT_OF_RANGE"; message: string }
  | { code: "SPLITS_GRAPHEME"; message: string }
  | { code: "QUOTE_MISMATCH"; message: string; actual: string };

/**
 * Built once per article text, so validating many spans (an import, a batch)
 * does not re-scan the text each time: offsets convert in O(log n), and
 * grapheme boundaries are checked around each offset only.
 */
export class SpanValidator {
  readonly index: OffsetIndex;

  constructor(readonly text: string) {
    this.index = new OffsetIndex(text);
  }

  /** Returns the first problem with [start, end) and `quote`, or null when the span is valid. */
  check(start: number, end: number, quote?: string): SpanProblem | null {
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      return { code: "NOT_INTEGER", message: "start and end must be integers (code-point offsets)" };
    }
    if (end <= start) return { code: "EMPTY", message: `end (${end}) must be greater than start (${start})` };
    if (start < 0 || end > this.index.length) {
      return {
        code: "OUT_OF_RANGE",
        message: `span [${start}, ${end}) lies outside the text (length ${this.index.length} code points)`,
      };
    }
    for (const [name, offset] of [
      ["start", start],
      ["end", end],
    ] as const) {
      if (!isGraphemeBoundaryAt(this.text, this.index.toUtf16(offset))) {
        return { code: "SPLITS_GRAPHEME", message: `${name} ${offset} falls inside a character (grapheme cluster)` };
      }
    }
    if (quote !== undefined) {
      const actual = this.index.slice(start, end);
      if (actual !== quote) {
        return {
          code: "QUOTE_MISMATCH",
          message: `quote does not match the text at [${start}, ${end}): the text there is ${JSON.stringify(truncate(actual))}`,
          actual,
        };
      }
    }
    return null;
  }
}

function truncate(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
