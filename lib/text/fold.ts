/**
 * Search keys: the same name written with or without accents, in another case,
 * with a typographic apostrophe or with optional diacritics (Arabic harakat,
 * Hebrew points) folds to one key. Mirrors the SQL function parallax_fold()
 * (migration add_annotation_search), which keeps Entity.nameFolded and
 * EntityAlias.aliasFolded; the database filters with it, TypeScript ranks with
 * this one.
 *
 * Only marks that are optional in writing are removed. Indic vowel signs and
 * Japanese voicing marks are combining marks too, but removing them changes
 * the letter, so they stay.
 */

/** Combining marks that writers may omit without changing the word. */
export const OPTIONAL_MARKS =
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]/gu;

/** Typographic apostrophes and the modifier letter apostrophe, written as "'". */
export const APOSTROPHES = /[\u2019\u2018\u02bc]/g;

// Letters without a decomposition that PostgreSQL's unaccent spells out.
const SPELLED_OUT: Record<string, string> = {
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  ħ: "h",
  ı: "i",
  ŧ: "t",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  þ: "th",
};
const SPELLED_OUT_RE = new RegExp(`[${Object.keys(SPELLED_OUT).join("")}]`, "g");

export function fold(value: string): string {
  return value
    .replace(APOSTROPHES, "'")
    .normalize("NFKD")
    .replace(OPTIONAL_MARKS, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(SPELLED_OUT_RE, (c) => SPELLED_OUT[c]!);
}
