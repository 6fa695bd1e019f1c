/**
 * The reader's layout: two to four versions of a story, in pane order, read
 * from and written to the `?a=` query parameter (see href.ts).
 */
export const MIN_PANES = 2;
export const MAX_PANES = 4;
/** Versions shown when the URL names none. */
const DEFAULT_PANES = 3;

export interface LayoutArticle {
  id: string;
  language: string;
}

/**
 * The article ids named by `param` ("sv,en,fr", or ids, or both), in order,
 * without repeats or unknown names, at most four. A language tag picks the
 * first version in that language not already chosen (compared
 * case-insensitively). With nothing usable, the first versions of the story.
 */
export function parseLayout(param: string | string[] | undefined | null, articles: readonly LayoutArticle[]): string[] {
  return resolveLayout(param, articles).open;
}

/**
 * `parseLayout`'s panes, and the versions `param` also named that did not fit
 * (beyond the fourth pane), in the order named, so the reader can say which.
 */
export function resolveLayout(
  param: string | string[] | undefined | null,
  articles: readonly LayoutArticle[],
): { open: string[]; overflow: string[] } {
  const raw = Array.isArray(param) ? param.join(",") : (param ?? "");
  const named: string[] = [];
  for (const token of raw.split(",").map((t) => t.trim())) {
    if (!token) continue;
    const byId = articles.find((a) => a.id === token.toLowerCase());
    const match =
      byId ?? articles.find((a) => a.language.toLowerCase() === token.toLowerCase() && !named.includes(a.id));
    if (match && !named.includes(match.id)) named.push(match.id);
  }
  if (named.length > 0) return { open: named.slice(0, MAX_PANES), overflow: named.slice(MAX_PANES) };
  return { open: articles.slice(0, DEFAULT_PANES).map((a) => a.id), overflow: [] };
}

/** The `?a=` value for `ids`: each version's language tag when that tag is unique in the story, else its id. */
export function formatLayout(ids: readonly string[], articles: readonly LayoutArticle[]): string[] {
  return ids.map((id) => {
    const article = articles.find((a) => a.id === id);
    if (!article) return id;
    const sameLanguage = articles.filter((a) => a.language.toLowerCase() === article.language.toLowerCase());
    return sameLanguage.length === 1 ? article.language : id;
  });
}
