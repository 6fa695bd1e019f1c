/**
 * Exact mentions: where a name or alias occurs in a text, whole-word in
 * scripts with word boundaries and as a substring in scripts without, with
 * the case rule below. Everything here is in UTF-16 indices; the caller
 * converts to code points.
 *
 * Case rule: matching ignores case, except that a word capitalised in the
 * name must be capitalised in the text ("Apple" does not match "apple", "Kiel"
 * matches "KIEL"), and a word written in capitals in the name (an acronym,
 * "EU") must be in capitals in the text. Lowercase words in the name match
 * any case ("université", "de").
 *
 * Normalization: texts are NFC already; apostrophes (’ ‘ ʼ ') are one
 * character, and optional diacritics (Arabic harakat and tatweel, Hebrew
 * points) are ignored, so "عبارات" finds "عبّارات". Accents on Latin, Greek
 * and Cyrillic letters count: "Genève" and "Geneve" are different spellings.
 */
import { isNoSpaceChar, isWordBoundary } from "./words";

// Marks that are optional in writing in Arabic and Hebrew, ignored while matching.
const IGNORABLE =
  /[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]/u;
const APOSTROPHE = /[\u2019\u2018\u02bc]/u;
const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const LOWER = /\p{Ll}/u;
const UPPER = /[\p{Lu}\p{Lt}]/u;

/**
 * A text folded for matching, with a map back: folded UTF-16 unit u came from
 * the original characters [from[u], to[u]) (to[u] covers ignored marks after it).
 */
export interface FoldedText {
  original: string;
  folded: string;
  from: Int32Array;
  to: Int32Array;
}

function foldChar(c: string): string {
  if (APOSTROPHE.test(c)) return "'";
  if (c === "İ") return "i";
  const lower = c.toLowerCase();
  // Keep one character for one character, so offsets map back simply.
  return lower.length === c.length ? lower : c;
}

export function foldForMatch(text: string): FoldedText {
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let u = 0;
  for (const c of text) {
    if (IGNORABLE.test(c) && to.length) {
      // Part of the preceding character for offsets, invisible for matching.
      const end = u + c.length;
      for (let k = to.length - 1; k >= 0 && to[k] === u; k--) to[k] = end;
    } else if (!IGNORABLE.test(c)) {
      const f = foldChar(c);
      parts.push(f);
      for (let k = 0; k < f.length; k++) {
        from.push(u);
        to.push(u + c.length);
      }
    }
    u += c.length;
  }
  return { original: text, folded: parts.join(""), from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** What the case rule requires of each position of a pattern (folded index → rule). */
interface CaseRule {
  at: number;
  rule: "capital" | "all-caps";
  length: number;
}

function caseRules(pattern: FoldedText): CaseRule[] {
  const rules: CaseRule[] = [];
  const chars = pattern.original;
  for (let u = 0; u < pattern.folded.length; u++) {
    const i = pattern.from[u]!;
    if (u > 0 && pattern.from[u - 1] === i) continue; // second half of an astral character
    const c = String.fromCodePoint(chars.codePointAt(i)!);
    const prev = i > 0 ? chars[i - 1] : undefined;
    if (!LETTER.test(c) || (prev !== undefined && WORD_CHAR.test(prev))) continue;
    if (!UPPER.test(c)) continue;
    // A word starting with a capital: is it all capitals (an acronym)?
    let length = 0;
    let allCaps = true;
    for (let v = u; v < pattern.folded.length; v++) {
      const ch = chars[pattern.from[v]!]!;
      if (!WORD_CHAR.test(ch)) break;
      if (LOWER.test(ch)) allCaps = false;
      length++;
    }
    rules.push({ at: u, rule: allCaps && length >= 2 ? "all-caps" : "capital", length });
  }
  return rules;
}

function obeysCase(text: FoldedText, at: number, rules: CaseRule[]): boolean {
  for (const r of rules) {
    const first = text.original[text.from[at + r.at]!]!;
    if (LOWER.test(first)) return false;
    if (r.rule === "all-caps") {
      for (let k = 1; k < r.length; k++) {
        if (LOWER.test(text.original[text.from[at + r.at + k]!]!)) return false;
      }
    }
  }
  return true;
}

/** Languages whose genitive adds a bare "s" to a name (Swedish "Varnhamns", German "Merkels"). */
const S_GENITIVE = new Set(["sv", "da", "nb", "nn", "no", "de", "is"]);

export interface ExactMatch {
  start: number;
  end: number;
}

export interface ArticleForMatch {
  text: FoldedText;
  language: string;
}

/** The character (code point) starting at UTF-16 index i. */
function charAt(s: string, i: number): string | undefined {
  const cp = s.codePointAt(i);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

/** The character (code point) ending at UTF-16 index i. */
function charBefore(s: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const low = s.charCodeAt(i - 1);
  return charAt(s, low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1);
}

/**
 * A match edge is acceptable on a word boundary, or where the script on
 * either side is written without spaces (there, names are substrings).
 */
function edgeOk(article: ArticleForMatch, at: number, inside: string | undefined, outside: string | undefined) {
  return isNoSpaceChar(inside) || isNoSpaceChar(outside) || isWordBoundary(article.text.original, article.language, at);
}

/** Every occurrence of `pattern` in the article that obeys the word and case rules. */
export function exactMatches(article: ArticleForMatch, patternText: string): ExactMatch[] {
  const pattern = foldForMatch(patternText.normalize("NFC"));
  if ([...pattern.folded].length < 2) return [];
  const rules = caseRules(pattern);
  const { text } = article;
  const s = text.original;
  const primary = article.language.split("-")[0]!.toLowerCase();
  const out: ExactMatch[] = [];
  for (let at = text.folded.indexOf(pattern.folded); at >= 0; at = text.folded.indexOf(pattern.folded, at + 1)) {
    const last = at + pattern.folded.length - 1;
    const start = text.from[at]!;
    let end = text.to[last]!;
    if (!obeysCase(text, at, rules)) continue;
    if (!edgeOk(article, start, charAt(s, start), charBefore(s, start))) continue;
    if (!edgeOk(article, end, charBefore(s, end), charAt(s, end))) {
      // "Varnhamns": a genitive s completes the word in some languages.
      const genitive = S_GENITIVE.has(primary) && s[end] === "s" && isWordBoundary(s, article.language, end + 1);
      if (!genitive) continue;
      end += 1;
    }
    out.push({ start, end });
  }
  return out;
}
