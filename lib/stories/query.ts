/**
 * A story search's words. Words are separated by spaces and found anywhere,
 * in any order; "double quotes" keep words together as one phrase. A word
 * loses punctuation at its ends ("Anthropic," finds "Anthropic") unless it
 * is nothing but punctuation. Chinese and Japanese, written without spaces,
 * are one word per run: a substring.
 */
export const MAX_SEARCH_TERMS = 10;

const EDGE_PUNCTUATION = /^[\p{P}]+|[\p{P}]+$/gu;

export function searchTerms(q: string): string[] {
  const terms: string[] = [];
  for (const m of q.matchAll(/"([^"]*)"|(\S+)/gu)) {
    const raw = (m[1] ?? m[2] ?? "").replace(/\s+/gu, " ").trim();
    const term = m[1] === undefined ? raw.replace(EDGE_PUNCTUATION, "") || raw : raw;
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms.slice(0, MAX_SEARCH_TERMS);
}
