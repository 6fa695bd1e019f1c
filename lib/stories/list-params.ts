/**
 * The story list's state in the URL, so a search can be shared and the back
 * button works: `?q=…&language=sv&language=fr&outlet=…&status=reviewed&page=2`.
 * Unknown or malformed values are ignored rather than refused (a URL is typed
 * and edited by people); the page shows what was applied.
 */
import { ANNOTATION_STATUSES, ASSIGNMENT_STATES, type AnnotationStatus, type AssignmentState } from "./status";
import type { StorySearch } from "./search";

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export interface StoryListParams {
  q: string;
  languages: string[];
  outlets: string[];
  status: AnnotationStatus[];
  assignment: AssignmentState[];
  /** "assigned to me" (`?assignee=me`). */
  mine: boolean;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;

const all = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter(Boolean);

const positive = (value: string | string[] | undefined, fallback: number, max: number): number => {
  const n = Number(all(value)[0]);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
};

export function parseStoryListParams(params: SearchParamsRecord | URLSearchParams): StoryListParams {
  const record: SearchParamsRecord =
    params instanceof URLSearchParams
      ? Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.getAll(k)]))
      : params;
  return {
    q: (all(record.q)[0] ?? "").slice(0, 200),
    languages: [...new Set(all(record.language))].slice(0, 50),
    outlets: [...new Set(all(record.outlet))].slice(0, 50),
    status: [...new Set(all(record.status))].filter((s): s is AnnotationStatus =>
      (ANNOTATION_STATUSES as readonly string[]).includes(s),
    ),
    assignment: [...new Set(all(record.assignment))].filter((s): s is AssignmentState =>
      (ASSIGNMENT_STATES as readonly string[]).includes(s),
    ),
    mine: all(record.assignee).includes("me"),
    page: positive(record.page, 1, 100_000),
    pageSize: positive(record.pageSize, DEFAULT_PAGE_SIZE, 100),
  };
}

/** The search for `p`; `userId` is whom "assigned to me" means. */
export function toStorySearch(p: StoryListParams, userId?: string): StorySearch {
  return {
    q: p.q || null,
    languages: p.languages,
    outlets: p.outlets,
    status: p.status,
    assignment: p.assignment,
    assignedTo: p.mine && userId ? userId : null,
    page: p.page,
    pageSize: p.pageSize,
  };
}

/** The URL query for `p` (defaults left out), e.g. for pagination links. */
export function storyListQuery(p: StoryListParams): string {
  const search = new URLSearchParams();
  if (p.q) search.set("q", p.q);
  for (const l of p.languages) search.append("language", l);
  for (const o of p.outlets) search.append("outlet", o);
  for (const s of p.status) search.append("status", s);
  for (const s of p.assignment) search.append("assignment", s);
  if (p.mine) search.set("assignee", "me");
  if (p.pageSize !== DEFAULT_PAGE_SIZE) search.set("pageSize", String(p.pageSize));
  if (p.page > 1) search.set("page", String(p.page));
  const query = search.toString();
  return query ? `?${query}` : "";
}
