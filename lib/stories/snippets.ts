/**
 * Finding a folded search term in original text. The database matches
 * folded copies (parallax_fold: no accents, lowercase), but a snippet shows
 * and points into the original, whose length can differ ("…" folds to "...",
 * "ß" to "ss", Arabic harakat vanish). Each code point is folded on its own,
 * so every folded character knows the original code point it came from.
 */
import { fold } from "../text/fold";

export interface FoldedText {
  /** The folded text, as code points. */
  chars: string[];
  /** For each folded code point, the index of the original code point it came from. */
  origin: number[];
  /** The original text, as code points. */
  original: string[];
}

export function foldWithOrigins(text: string): FoldedText {
  const original = [...text];
  const chars: string[] = [];
  const origin: number[] = [];
  original.forEach((c, i) => {
    for (const f of fold(c)) {
      chars.push(f);
      origin.push(i);
    }
  });
  return { chars, origin, original };
}

export interface OriginalMatch {
  /** Code-point offsets in the original text, end excluded. */
  start: number;
  end: number;
}

/**
 * Every occurrence of `needle` (already folded) in `text`, as original
 * code-point ranges. A match that starts or ends inside what one original
 * character folds to ("æ" → "ae", matched by "e") takes the whole character.
 */
export function findFolded(text: FoldedText | string, needle: string): OriginalMatch[] {
  const folded = typeof text === "string" ? foldWithOrigins(text) : text;
  const n = [...needle];
  if (!n.length) return [];
  const matches: OriginalMatch[] = [];
  const last = folded.chars.length - n.length;
  for (let i = 0; i <= last; i++) {
    let k = 0;
    while (k < n.length && folded.chars[i + k] === n[k]) k++;
    if (k < n.length) continue;
    const start = folded.origin[i]!;
    const end = folded.origin[i + n.length - 1]! + 1;
    if (!matches.length || matches.at(-1)!.start !== start) matches.push({ start, end });
  }
  return matches;
}
