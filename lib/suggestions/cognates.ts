/**
 * Cross-language ("cognate") mentions: after "Tsinghua University" is linked
 * in English, "université de Tsinghua" in French is offered.
 *
 * A cognate mention is a run of words in the text in which every word of the
 * name appears once, in any order, separated only by spaces (or an apostrophe
 * or hyphen) and at most two connector words (de, du, of, the, för, von, der…)
 * between two name words. A word of the name appears either as the same word
 * (case- and accent-insensitive) or, for a generic word (University, Institut,
 * national… see GENERIC_WORDS), as a word sharing a stem of at least five
 * letters (university ~ université). Distinctive words, the ones that are not
 * generic, must appear exactly and, if capitalised in the name, capitalised.
 * A name made only of generic words needs at least one exact word. Names of a
 * single word have no cognates (their exact matches cover them).
 */
import { CONNECTORS, GENERIC_WORDS, words, type Word } from "./words";
import type { ExactMatch } from "./exact";

const STEM = 5;
const MAX_CONNECTORS = 2;
const MAX_NAME_WORDS = 8;
const LOWER = /\p{Ll}/u;
const UPPER = /[\p{Lu}\p{Lt}]/u;
// What may separate two words of one mention: spaces (no line break), or one apostrophe or hyphen.
const JOIN = /^(?:[ \t\u00a0\u202f]+|[ \t\u00a0\u202f]*[-'\u2019\u2010\u2011][ \t\u00a0\u202f]*)$/u;

export interface NameWord {
  lower: string;
  folded: string;
  capitalised: boolean;
  distinctive: boolean;
}

/** The content words of a name (connectors dropped), or null when the name cannot have cognates. */
export function nameWords(name: string): NameWord[] | null {
  const content = words(name, "und")
    .filter((w) => !CONNECTORS.has(w.folded))
    .map((w) => ({
      lower: w.lower,
      folded: w.folded,
      capitalised: UPPER.test(w.text[0]!),
      distinctive: !GENERIC_WORDS.has(w.folded),
    }));
  if (content.length < 2 || content.length > MAX_NAME_WORDS) return null;
  return content;
}

function commonPrefix(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** 2 = the same word, 1 = a shared stem (generic words only), 0 = no match. */
function wordMatch(name: NameWord, word: Word): 0 | 1 | 2 {
  if (name.distinctive) {
    if (word.lower !== name.lower) return 0;
    return name.capitalised && LOWER.test(word.text[0]!) ? 0 : 2;
  }
  if (word.folded === name.folded) return 2;
  return commonPrefix(name.folded, word.folded) >= STEM ? 1 : 0;
}

/**
 * Where in the (lowercased) text a mention can start looking: occurrences of
 * the distinctive words, or of the stems of a generic-only name.
 */
function anchors(lowerText: string, parts: NameWord[]): number[] {
  const needles = parts.some((p) => p.distinctive)
    ? parts.filter((p) => p.distinctive).map((p) => p.lower)
    : parts.map((p) => [...p.folded].slice(0, STEM).join(""));
  const out: number[] = [];
  for (const needle of needles) {
    for (let at = lowerText.indexOf(needle); at >= 0; at = lowerText.indexOf(needle, at + 1)) out.push(at);
  }
  return out.sort((x, y) => x - y);
}

export interface CognateText {
  text: string;
  language: string;
  /** text.toLowerCase() with apostrophes unified (same length as text). */
  lower: string;
}

/** Cognate mentions of `name` in a text (UTF-16 ranges). */
export function cognateMatches(target: CognateText, name: string): ExactMatch[] {
  const parts = nameWords(name);
  if (!parts) return [];
  const { text } = target;
  const full = (1 << parts.length) - 1;
  const needsExact = !parts.some((p) => p.distinctive);
  const found = new Map<string, ExactMatch>();
  // A mention spans at most the name's words and a few connectors.
  const reach = 24 * (parts.length * (MAX_CONNECTORS + 1));
  let coveredTo = -1;

  for (const at of anchors(target.lower, parts)) {
    if (at < coveredTo) continue;
    // Segment a window around the anchor, cut at spaces so no word is split.
    let from = Math.max(0, at - reach);
    while (from > 0 && !/\s/u.test(text[from - 1]!)) from--;
    let to = Math.min(text.length, at + reach);
    while (to < text.length && !/\s/u.test(text[to]!)) to++;
    coveredTo = to - reach;
    const list = words(text, target.language, from, to);
    for (const m of runs(text, list, parts, full, needsExact)) found.set(`${m.start}:${m.end}`, m);
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

function runs(text: string, list: readonly Word[], parts: NameWord[], full: number, needsExact: boolean): ExactMatch[] {
  const out: ExactMatch[] = [];
  const joinable = (a: Word, b: Word) => JOIN.test(text.slice(a.end, b.start));

  // Depth-first over the words after `idx`: the shortest complete run wins.
  const extend = (last: number, idx: number, used: number, exact: number, connectors: number): number => {
    if (used === full) return exact > 0 || !needsExact ? last : -1;
    const next = idx + 1;
    if (next >= list.length || !joinable(list[idx]!, list[next]!)) return -1;
    const word = list[next]!;
    for (let k = 0; k < parts.length; k++) {
      if (used & (1 << k)) continue;
      const m = wordMatch(parts[k]!, word);
      if (!m) continue;
      const end = extend(next, next, used | (1 << k), exact + (m === 2 ? 1 : 0), 0);
      if (end >= 0) return end;
    }
    if (CONNECTORS.has(word.folded) && connectors < MAX_CONNECTORS) {
      return extend(last, next, used, exact, connectors + 1);
    }
    return -1;
  };

  for (let i = 0; i < list.length; i++) {
    const word = list[i]!;
    for (let k = 0; k < parts.length; k++) {
      const m = wordMatch(parts[k]!, word);
      if (!m) continue;
      const last = extend(i, i, 1 << k, m === 2 ? 1 : 0, 0);
      if (last >= 0) {
        out.push({ start: word.start, end: list[last]!.end });
        break;
      }
    }
  }
  return out;
}
