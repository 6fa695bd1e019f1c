/**
 * Links to the side-by-side reader. The layout (which versions, in which
 * order) lives in the URL so a view can be shared: `?a=` lists the panes as
 * language tags where a tag names one version of the story, else article ids.
 */
export function storyHref(key: string, panes?: readonly string[]): string {
  const path = `/stories/${encodeURIComponent(key)}`;
  return panes && panes.length ? `${path}?a=${panes.map(encodeURIComponent).join(",")}` : path;
}
