/**
 * Where a story opens. The reader (/stories/[key]) owns the route; this stays
 * the one place the story list builds the link.
 */
export function storyHref(key: string): string {
  return `/stories/${encodeURIComponent(key)}`;
}
