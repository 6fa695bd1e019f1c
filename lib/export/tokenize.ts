/**
 * Tokens and sentences for CoNLL, without dictionaries, in any script: word
 * and sentence boundaries come from Intl.Segmenter (Unicode text segmentation,
 * UAX #29, with the article's language); every Han, Hiragana and Katakana
 * character is a token of its own, so Chinese and Japanese do not depend on
 * ICU's dictionary; whitespace is never part of a token. Offsets are code
 * points, like span offsets.
 */

import { OffsetIndex } from "../text/code-points";

export interface Token {
  /** Code-point offsets into the text, end excluded. */
  start: number;
  end: number;
  text: string;
}

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const SPACE = /^\s$/u;
/** Invisible format characters (direction marks, joiners, U+FEFF): never a token by themselves. */
const ONLY_FORMAT = /^\p{Cf}+$/u;

/**
 * Whitespace, with the common ASCII cases decided without a regular
 * expression. U+FEFF (zero-width no-break space, a format character) is not
 * whitespace, although JavaScript's `\s` says so: it must not split a word.
 */
export function isSpace(code: number, ch: string): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return code !== 0xfeff && SPACE.test(ch);
}

/** Han, Hiragana or Katakana (all above U+3040). */
function isCjk(code: number, ch: string): boolean {
  return code >= 0x3040 && CJK.test(ch);
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string, granularity: "word" | "sentence"): Intl.Segmenter {
  const key = `${granularity}:${language}`;
  let s = segmenters.get(key);
  if (!s) {
    try {
      s = new Intl.Segmenter(language, { granularity });
    } catch {
      s = new Intl.Segmenter(undefined, { granularity });
    }
    segmenters.set(key, s);
  }
  return s;
}

/**
 * The tokens of `text`. `cuts` are code-point offsets no token may straddle
 * (entity boundaries: a span ending inside a word, as "OpenAI" in "OpenAI's",
 * still covers whole tokens); they must be ascending.
 */
export function tokenize(text: string, language: string, cuts: readonly number[] = []): Token[] {
  const tokens: Token[] = [];
  let cp = 0; // code-point offset of the current character
  let cut = 0; // next cut not behind us
  let tokenStart = -1; // code point where the open token starts, or -1
  let tokenUtf16 = 0;
  const close = (endCp: number, endUtf16: number) => {
    if (tokenStart >= 0) {
      const token = text.slice(tokenUtf16, endUtf16);
      if (!ONLY_FORMAT.test(token)) tokens.push({ start: tokenStart, end: endCp, text: token });
    }
    tokenStart = -1;
  };
  for (const { segment, index } of segmenter(language, "word").segment(text)) {
    // Each segment closes the token before it: segment boundaries are word boundaries.
    close(cp, index);
    // Fast path, most segments: a plain word (or a single space) no cut falls inside.
    let length = 0;
    let plain = true;
    for (let i = 0; i < segment.length; i++) {
      const c = segment.charCodeAt(i);
      if (c <= 32 || c >= 0x80) plain = false;
      if (c >= 0xd800 && c <= 0xdbff) i++;
      length++;
    }
    while (cut < cuts.length && cuts[cut]! <= cp) cut++;
    if (plain && (cut >= cuts.length || cuts[cut]! >= cp + length)) {
      tokens.push({ start: cp, end: cp + length, text: segment });
      cp += length;
      continue;
    }
    if (segment === " ") {
      cp++;
      continue;
    }
    for (let i = 0; i < segment.length;) {
      const code = segment.codePointAt(i)!;
      const width = code > 0xffff ? 2 : 1;
      const ch = segment.slice(i, i + width);
      const at = index + i;
      while (cut < cuts.length && cuts[cut]! < cp) cut++;
      if (cuts[cut] === cp) close(cp, at);
      if (isSpace(code, ch)) {
        close(cp, at);
      } else if (isCjk(code, ch)) {
        close(cp, at);
        tokens.push({ start: cp, end: cp + 1, text: ch });
      } else if (tokenStart < 0) {
        tokenStart = cp;
        tokenUtf16 = at;
      }
      i += width;
      cp++;
    }
    close(cp, index + segment.length);
  }
  return tokens;
}

/** Code-point offsets where sentences start (the first is 0), from Intl.Segmenter. */
export function sentenceStarts(text: string, language: string): number[] {
  const starts: number[] = [];
  let cp = 0;
  let u = 0;
  for (const { index } of segmenter(language, "sentence").segment(text)) {
    // Count the code points between the previous segment start and this one.
    for (; u < index; u++) {
      const c = text.charCodeAt(u);
      if (!(c >= 0xdc00 && c <= 0xdfff && u > 0 && isHigh(text.charCodeAt(u - 1)))) cp++;
    }
    starts.push(cp);
  }
  return starts;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

export interface LabeledSpan {
  id: string;
  start: number;
  end: number;
  label: string;
}

/**
 * BIO tags allow no overlap, so overlapping entity spans are resolved: the
 * longest span wins; between equally long spans the earliest start wins, then
 * the smallest id. A span overlapping one already kept is dropped (nested
 * entities lose to the entity around them). Returns the kept spans by start.
 */
export function resolveOverlaps<T extends LabeledSpan>(spans: readonly T[]): T[] {
  const ranked = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const kept: T[] = []; // sorted by start, pairwise disjoint
  for (const span of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid]!.start < span.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > span.start) || (after && after.start < span.end)) continue;
    kept.splice(lo, 0, span);
  }
  return kept;
}

export interface TaggedToken extends Token {
  tag: string;
}

/**
 * A span without the whitespace at its ends (any Unicode space: a tab, a
 * no-break space), since whitespace is never part of a token: the label
 * starts at the first character that is not a space and ends after the last.
 * Trimming first means whitespace never decides an overlap. A span of only
 * whitespace is dropped.
 */
export function trimSpan<T extends LabeledSpan>(text: string, span: T, index: OffsetIndex): T | null {
  let start = span.start;
  let end = span.end;
  let u = index.toUtf16(start);
  while (start < end) {
    const code = text.codePointAt(u)!;
    if (!isSpace(code, String.fromCodePoint(code))) break;
    u += code > 0xffff ? 2 : 1;
    start++;
  }
  u = index.toUtf16(end);
  while (end > start) {
    const code = text.codePointAt(u - 1)!;
    const low = code >= 0xdc00 && code <= 0xdfff;
    const full = low ? text.codePointAt(u - 2)! : code;
    if (!isSpace(full, String.fromCodePoint(full))) break;
    u -= low ? 2 : 1;
    end--;
  }
  if (start === end) return null;
  return start === span.start && end === span.end ? span : { ...span, start, end };
}

/**
 * Sentences of BIO-tagged tokens. Sentences a kept entity crosses are merged,
 * so an entity never spans a sentence break.
 */
export function bioSentences(text: string, language: string, spans: readonly LabeledSpan[]): TaggedToken[][] {
  const index = new OffsetIndex(text);
  const kept = resolveOverlaps(spans.map((s) => trimSpan(text, s, index)).filter((s) => s !== null));
  const cuts = [...new Set(kept.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const tokens = tokenize(text, language, cuts);
  const starts = withoutBreaksInside(sentenceStarts(text, language), kept);

  const sentences: TaggedToken[][] = [];
  let sentence: TaggedToken[] = [];
  let nextStart = 1; // index into starts of the next sentence start
  let entity = 0; // index into kept of the first entity not yet behind us
  let inside: LabeledSpan | null = null;
  for (const token of tokens as TaggedToken[]) {
    while (nextStart < starts.length && starts[nextStart]! <= token.start) {
      if (sentence.length) sentences.push(sentence);
      sentence = [];
      nextStart++;
    }
    while (entity < kept.length && kept[entity]!.end <= token.start) entity++;
    const span = kept[entity];
    let tag = "O";
    if (span && span.start <= token.start && token.end <= span.end) {
      tag = `${span === inside ? "I" : "B"}-${tagName(span.label)}`;
      inside = span;
    } else {
      inside = null;
    }
    token.tag = tag; // tagged in place: one object per token, however long the article
    sentence.push(token);
  }
  if (sentence.length) sentences.push(sentence);
  return sentences;
}

/** Drops the sentence starts that fall strictly inside a kept span (both lists ascending). */
function withoutBreaksInside(starts: readonly number[], kept: readonly LabeledSpan[]): number[] {
  const out: number[] = [];
  let k = 0;
  for (const b of starts) {
    while (k < kept.length && kept[k]!.end <= b) k++;
    const span = kept[k];
    if (!(span && span.start < b && b < span.end)) out.push(b);
  }
  return out;
}

/** Label keys become tag names; whitespace would break the column format. */
function tagName(label: string): string {
  return label.replace(/\s+/g, "_");
}
