/**
 * The label picker's typing rules. Letters typed into the picker filter the
 * labels; a label's one-key shortcut tags at once only when the key cannot
 * be read as the start of filtering — when no label's name (any word of it)
 * or key begins with it. So typing a whole label name ("country") always
 * filters to that label and never fires a shortcut on its first letter;
 * "c" then Enter still picks the label whose shortcut is "c", ranked first.
 */
import type { LabelDTO } from "./types";

const fold = (s: string) => s.toLocaleLowerCase();
const words = (name: string) =>
  fold(name)
    .split(/[\s,;:/()\-–]+/u)
    .filter(Boolean);

/** Labels matching `filter` by name or key: the shortcut of a one-letter filter, prefixes, word starts, then substrings. */
export function filterLabels(labels: readonly LabelDTO[], filter: string): LabelDTO[] {
  const f = fold(filter.trim());
  if (!f) return [...labels];
  const rank = (l: LabelDTO): number => {
    const name = fold(l.name);
    const key = fold(l.key);
    if (f.length === 1 && l.shortcut && fold(l.shortcut) === f) return 0;
    if (name.startsWith(f) || key.startsWith(f)) return 1;
    if (words(l.name).some((w) => w.startsWith(f))) return 2;
    if (name.includes(f) || key.includes(f)) return 3;
    return -1;
  };
  return labels
    .map((label, order) => ({ label, order, rank: rank(label) }))
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((x) => x.label);
}

/** True when some label's name (a word of it) or key starts with `key`: typing it is filtering. */
export function startsFiltering(labels: readonly LabelDTO[], key: string): boolean {
  const k = fold(key);
  return labels.some((l) => fold(l.key).startsWith(k) || words(l.name).some((w) => w.startsWith(k)));
}

/**
 * The label a key press in the picker tags at once, or null when the key
 * filters: only with an empty filter, a single character that is a label's
 * shortcut, and no label's name or key starting with it.
 */
export function shortcutPick(labels: readonly LabelDTO[], filter: string, key: string): LabelDTO | null {
  if (filter !== "" || [...key].length !== 1 || !key.trim()) return null;
  const label = labels.find((l) => l.shortcut && fold(l.shortcut) === fold(key));
  if (!label || startsFiltering(labels, key)) return null;
  return label;
}
