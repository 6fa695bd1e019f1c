/**
 * Offsets in Parallax are Unicode code points (W3C Web Annotation), while the
 * browser and JavaScript strings index UTF-16 code units. Astral characters
 * (most emoji, some CJK) take two units and one code point. These helpers
 * convert between the two; OffsetIndex does it in O(log n) for long texts.
 */

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Positions (UTF-16) of every astral pair in a text, so that conversions in
 * either direction are a binary search instead of a scan.
 */
export class OffsetIndex {
  readonly text: string;
  /** UTF-16 index of the high surrogate of each astral character, ascending. */
  private readonly pairs: number[] = [];
  readonly length: number;

  constructor(text: string) {
    this.text = text;
    // The regular expression engine scans natively: a 2 MB text without astral
    // characters takes well under a millisecond, where a charCodeAt loop takes ten.
    // Each match resumes after its pair, as a scan skipping the low half would.
    const pair = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
    for (let m = pair.exec(text); m; m = pair.exec(text)) this.pairs.push(m.index);
    this.length = text.length - this.pairs.length;
  }

  /** Code-point offset of UTF-16 index `u` (an index inside a pair rounds down to the pair's start). */
  toCodePoint(u: number): number {
    if (u <= 0) return 0;
    if (u >= this.text.length) return this.length;
    // Each pair starting before u shortens the count by one; an index on a
    // pair's low half thereby rounds down to the pair's own offset.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pairs[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return u - lo;
  }

  /** UTF-16 index of code-point offset `cp`. */
  toUtf16(cp: number): number {
    if (cp <= 0) return 0;
    if (cp >= this.length) return this.text.length;
    // The k-th pair (0-based) starts at code point pairs[k] - k.
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pairs[mid]! - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /** The text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** UTF-16 index → code-point offset, for one-off conversions. */
export function utf16ToCodePoint(text: string, u: number): number {
  return codePointLength(text.slice(0, Math.max(0, Math.min(u, text.length))));
}

/** Code-point offset → UTF-16 index, for one-off conversions. */
export function codePointToUtf16(text: string, cp: number): number {
  let n = 0;
  let i = 0;
  while (i < text.length && n < cp) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    n++;
  }
  return i;
}

/** `text[start:end]` as Python would slice it (code points). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return text.slice(codePointToUtf16(text, start), codePointToUtf16(text, end));
}
