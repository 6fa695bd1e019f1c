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

/** Longest piece handed to Intl.Segmenter at once (UTF-16 units). */
const CHUNK = 2048;

/**
 * The grapheme clusters of `text`, in order. Intl.Segmenter's iteration
 * slows down quadratically with the length of the string in V8 (a 100,000
 * character text takes seconds), so long texts are segmented in pieces cut
 * where a cluster boundary is certain — after a line feed, or between two
 * characters that never join a cluster (printable ASCII, CJK ideographs).
 */
export function* graphemeSegments(text: string): Generator<string> {
  const seg = graphemeSegmenter();
  let from = 0;
  while (from < text.length) {
    const to = text.length - from <= CHUNK ? text.length : safeCut(text, from + CHUNK);
    for (const { segment } of seg.segment(text.slice(from, to))) yield segment;
    from = to;
  }
}

/** A position at or after `target` where a grapheme boundary is certain (or the end). */
function safeCut(text: string, target: number): number {
  for (let i = target; i < text.length; i++) if (isCertainCut(text, i)) return i;
  return text.length;
}

/** Characters that never extend, join or prefix a cluster. */
function isInert(c: number): boolean {
  return (c >= 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/**
 * Whether UTF-16 index `u` of `text` falls on a grapheme boundary. Only the
 * neighbourhood of `u` is segmented (from the last certain boundary before it
 * to the next one after it), so checking a few offsets of a long text costs
 * little. An index inside a surrogate pair is never a boundary.
 */
export function isGraphemeBoundaryAt(text: string, u: number): boolean {
  if (u <= 0 || u >= text.length) return u === 0 || u === text.length;
  if (isCertainCut(text, u)) return true;
  let start = u - 1;
  while (start > 0 && !isCertainCut(text, start)) start--;
  const end = safeCut(text, u + 1);
  let at = start;
  for (const { segment } of graphemeSegmenter().segment(text.slice(start, end))) {
    at += segment.length;
    if (at >= u) return at === u;
  }
  return false;
}

/** Characters that may carry Grapheme_Cluster_Break=Prepend (joined to what follows): Arabic and Syriac signs, some Brahmic scripts. */
function mayPrepend(c: number): boolean {
  return (c >= 0x0600 && c <= 0x08ff) || c === 0x0d4e || (c >= 0xd800 && c <= 0xdfff);
}

/**
 * A boundary is certain at `i` after a line feed, between two inert
 * characters, or before printable ASCII (which never extends a cluster) that
 * does not follow a possible Prepend character.
 */
function isCertainCut(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  if (before === 0x0a || (isInert(before) && isInert(text.charCodeAt(i)))) return true;
  const at = text.charCodeAt(i);
  return at >= 0x20 && at < 0x7f && before !== 0x0d && !mayPrepend(before);
}

/**
 * Code-point offsets of every grapheme boundary in `text`, ascending,
 * starting with 0 and ending with the text's code-point length.
 */
export function graphemeBoundaries(text: string): number[] {
  const boundaries = [0];
  let cp = 0;
  for (const segment of graphemeSegments(text)) {
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
