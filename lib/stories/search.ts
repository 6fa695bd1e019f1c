/**
 * The story list: search across titles and text in every language, filter
 * by language, outlet and annotation status, facets with counts, stable
 * pagination.
 *
 * Search is a case-insensitive substring match (ILIKE) on the story title
 * and on every version's title and text, served by the pg_trgm indexes on
 * Article.title and Article.text. Unlike word-based full-text search it needs
 * no word segmentation, so Chinese, Japanese or Arabic substrings are found
 * as reliably as Latin ones.
 *
 * Filters apply to articles: a story is listed when one of its versions
 * matches the query and every filter ("stories with a Swedish version that
 * is unannotated"). Facet counts are numbers of stories, each computed with
 * all the other filters applied, so choosing a value never hides the others.
 */
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { ANNOTATION_STATUSES, annotationStatusSql, storyStatus, type AnnotationStatus } from "./status";

export interface StorySearch {
  /** Substring to find in story titles, article titles and texts (any script). */
  q?: string | null;
  languages?: readonly string[];
  outlets?: readonly string[];
  status?: readonly AnnotationStatus[];
  /** 1-based. */
  page?: number;
  /** 1…100, default 20. */
  pageSize?: number;
}

export interface Snippet {
  articleId: string;
  language: string;
  field: "title" | "text";
  /** Code-point offset of the match in the field. */
  start: number;
  before: string;
  match: string;
  after: string;
}

export interface StoryHit {
  id: string;
  key: string;
  title: string;
  updatedAt: Date;
  status: AnnotationStatus;
  articles: {
    id: string;
    language: string;
    title: string | null;
    outlet: string | null;
    status: AnnotationStatus;
    spans: number;
  }[];
  /** Where the query was found (up to one per version), for highlighting. */
  snippets: Snippet[];
}

export interface FacetValue<T extends string = string> {
  value: T;
  count: number;
}

export interface StorySearchResult {
  stories: StoryHit[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  facets: {
    languages: FacetValue[];
    outlets: FacetValue[];
    status: FacetValue<AnnotationStatus>[];
  };
}

const SNIPPET_CONTEXT = 60;

export async function searchStories(db: Db, search: StorySearch = {}): Promise<StorySearchResult> {
  const q = search.q?.trim() || null;
  const pageSize = Math.min(100, Math.max(1, Math.floor(search.pageSize ?? 20)));
  const page = Math.max(1, Math.floor(search.page ?? 1));
  const languages = [...new Set(search.languages ?? [])];
  const outlets = [...new Set(search.outlets ?? [])];
  const status = [...new Set(search.status ?? [])].filter((s) => ANNOTATION_STATUSES.includes(s));
  const pattern = q ? `%${escapeLike(q)}%` : null;

  const matchesQuery = pattern
    ? Prisma.sql`(st.title ILIKE ${pattern} OR a.title ILIKE ${pattern} OR a.text ILIKE ${pattern})`
    : Prisma.sql`TRUE`;
  const byLanguage = languages.length ? Prisma.sql`a.language = ANY(${languages}::text[])` : Prisma.sql`TRUE`;
  const byOutlet = outlets.length ? Prisma.sql`a.outlet = ANY(${outlets}::text[])` : Prisma.sql`TRUE`;
  const byStatus = status.length ? Prisma.sql`${annotationStatusSql("a")} = ANY(${status}::text[])` : Prisma.sql`TRUE`;
  const articleFilters = languages.length || outlets.length || status.length;

  // A story without versions can still be found by its title when nothing filters versions.
  const storyMatches = articleFilters
    ? Prisma.sql`EXISTS (SELECT 1 FROM "Article" a WHERE a."storyId" = st.id AND ${matchesQuery} AND ${byLanguage} AND ${byOutlet} AND ${byStatus})`
    : pattern
      ? Prisma.sql`(st.title ILIKE ${pattern} OR EXISTS (SELECT 1 FROM "Article" a WHERE a."storyId" = st.id AND ${matchesQuery}))`
      : Prisma.sql`TRUE`;

  const facet = (column: Prisma.Sql, ...filters: Prisma.Sql[]) => db.$queryRaw<{ value: string; count: bigint }[]>`
    SELECT ${column} AS value, count(DISTINCT a."storyId") AS count
    FROM "Article" a JOIN "Story" st ON st.id = a."storyId"
    WHERE ${matchesQuery} AND ${Prisma.join(filters, " AND ")} AND ${column} IS NOT NULL
    GROUP BY 1 ORDER BY count DESC, value ASC LIMIT 200`;

  const [rows, languageFacet, outletFacet, statusFacet] = await Promise.all([
    db.$queryRaw<{ id: string; total: bigint }[]>`
      SELECT st.id, count(*) OVER () AS total
      FROM "Story" st
      WHERE ${storyMatches}
      ORDER BY st."updatedAt" DESC, st.id ASC
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    facet(Prisma.sql`a.language`, byOutlet, byStatus),
    facet(Prisma.sql`a.outlet`, byLanguage, byStatus),
    facet(annotationStatusSql("a"), byLanguage, byOutlet),
  ]);
  // Past the last page the window count is missing: count separately.
  const total = rows.length
    ? Number(rows[0]!.total)
    : Number(
        (await db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM "Story" st WHERE ${storyMatches}`)[0]!
          .total,
      );

  const ids = rows.map((r) => r.id);
  const [stories, snippets] = await Promise.all([loadStories(db, ids), q ? findSnippets(db, ids, q) : []]);
  const byId = new Map(stories.map((s) => [s.id, s]));
  return {
    stories: ids.map((id) => {
      const story = byId.get(id)!;
      return { ...story, snippets: snippets.filter((s) => story.articles.some((a) => a.id === s.articleId)) };
    }),
    total,
    page,
    pageSize,
    pageCount: Math.ceil(total / pageSize),
    facets: {
      languages: languageFacet.map((f) => ({ value: f.value, count: Number(f.count) })),
      outlets: outletFacet.map((f) => ({ value: f.value, count: Number(f.count) })),
      status: ANNOTATION_STATUSES.map((value) => ({
        value,
        count: Number(statusFacet.find((f) => f.value === value)?.count ?? 0),
      })),
    },
  };
}

async function loadStories(db: Db, ids: string[]): Promise<Omit<StoryHit, "snippets">[]> {
  if (!ids.length) return [];
  const stories = await db.story.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      key: true,
      title: true,
      updatedAt: true,
      articles: {
        select: {
          id: true,
          language: true,
          title: true,
          outlet: true,
          status: true,
          _count: { select: { spans: { where: { deletedAt: null } } } },
        },
        orderBy: [{ language: "asc" }, { id: "asc" }],
      },
    },
  });
  return stories.map((s) => {
    const articles = s.articles.map((a) => ({
      id: a.id,
      language: a.language,
      title: a.title,
      outlet: a.outlet,
      spans: a._count.spans,
      status: articleStatus(a.status, a._count.spans),
    }));
    return { ...s, articles, status: storyStatus(articles.map((a) => a.status)) };
  });
}

function articleStatus(status: "NEW" | "IN_PROGRESS" | "REVIEWED", spans: number): AnnotationStatus {
  if (status === "REVIEWED") return "reviewed";
  return status === "IN_PROGRESS" || spans > 0 ? "in_progress" : "unannotated";
}

/** The first match in each matching version, with some context, cut in SQL so long texts stay in the database. */
async function findSnippets(db: Db, storyIds: string[], q: string): Promise<Snippet[]> {
  if (!storyIds.length) return [];
  const pattern = `%${escapeLike(q)}%`;
  const rows = await db.$queryRaw<
    { id: string; language: string; field: "title" | "text"; pos: number; from: number; window: string }[]
  >`
    SELECT id, language, field, pos, greatest(pos - ${SNIPPET_CONTEXT}, 1) AS "from",
           substr(value, greatest(pos - ${SNIPPET_CONTEXT}, 1), least(pos, ${SNIPPET_CONTEXT + 1}) - 1 + char_length(${q}) + ${SNIPPET_CONTEXT}) AS window
    FROM (
      SELECT a.id, a.language, a."storyId",
             CASE WHEN a.title ILIKE ${pattern} THEN 'title' ELSE 'text' END AS field,
             CASE WHEN a.title ILIKE ${pattern} THEN a.title ELSE a.text END AS value,
             CASE WHEN a.title ILIKE ${pattern} THEN strpos(lower(a.title), lower(${q}))
                  ELSE strpos(lower(a.text), lower(${q})) END AS pos
      FROM "Article" a
      WHERE a."storyId" = ANY(${storyIds}::uuid[]) AND (a.title ILIKE ${pattern} OR a.text ILIKE ${pattern})
    ) m
    WHERE pos > 0
    ORDER BY language, id`;
  const length = [...q].length;
  return rows.map((r) => {
    const chars = [...r.window];
    const at = r.pos - r.from;
    return {
      articleId: r.id,
      language: r.language,
      field: r.field,
      start: r.pos - 1,
      before: chars.slice(0, at).join(""),
      match: chars.slice(at, at + length).join(""),
      after: chars.slice(at + length).join(""),
    };
  });
}

/** ILIKE treats % and _ as wildcards and \ as escape; a search is literal. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
