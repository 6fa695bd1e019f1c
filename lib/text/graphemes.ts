/**
 * Grapheme clusters: what a reader sees as one character (an emoji with its
 * modifiers and joiners, a flag, a letter with its combining marks). Spans
 * start and end only on cluster boundaries.
 */

let segmenter: Intl.Segmenter | undefined;

export function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return segmenter;
}

/**
 * Code-point offsets of every grapheme boundary in `text`, ascending,
 * starting with 0 and ending with the text's code-point length.
 */
export function graphemeBoundaries(text: string): number[] {
  const boundaries = [0];
  let cp = 0;
  for (const { segment } of graphemeSegmenter().segment(text)) {
    for (let i = 0; i < segment.length; i++) {
      const c = segment.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) i++;
      cp++;
    }
    boundaries.push(cp);
  }
  return boundaries;
}

/** Whether code-point offset `offset` falls on a grapheme boundary of `text`. */
export function isGraphemeBoundary(boundaries: readonly number[], offset: number): boolean {
  let lo = 0;
  let hi = boundaries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = boundaries[mid]!;
    if (value === offset) return true;
    if (value < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
