/**
 * The export page's selection as plain state, and its translation to the
 * filter JSON of lib/export/filter.ts (empty choices left out, so "nothing
 * chosen" means "everything").
 */
export type RangeState = { from: string; to: string };

export interface FilterState {
  stories: string[];
  languages: string[];
  outlets: string[];
  labels: string[];
  kinds: string[];
  annotators: string[];
  reviewStatuses: string[];
  created: RangeState;
  updated: RangeState;
  published: RangeState;
  /** The annotation layer ("" for the default: curated where there is one, else shared). */
  layer: string;
}

export type ListKey = "stories" | "languages" | "outlets" | "labels" | "kinds" | "annotators" | "reviewStatuses";
export type RangeKey = "created" | "updated" | "published";

const emptyRange = (): RangeState => ({ from: "", to: "" });

export function emptyFilter(initial: Partial<Pick<FilterState, ListKey | "layer">> = {}): FilterState {
  return {
    stories: [],
    languages: [],
    outlets: [],
    labels: [],
    kinds: [],
    annotators: [],
    reviewStatuses: [],
    created: emptyRange(),
    updated: emptyRange(),
    published: emptyRange(),
    layer: "",
    ...initial,
  };
}

export function toFilterJson(state: FilterState): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const key of ["stories", "languages", "outlets", "labels", "kinds", "annotators", "reviewStatuses"] as const) {
    if (state[key].length) filter[key] = state[key];
  }
  for (const key of ["created", "updated", "published"] as const) {
    const { from, to } = state[key];
    if (from || to) filter[key] = { ...(from && { from }), ...(to && { to }) };
  }
  if (state.layer) filter.layer = state.layer;
  return filter;
}
