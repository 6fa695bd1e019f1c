/**
 * The story list: search across titles and text in every language, filter
 * by language, outlet and annotation status, facets with counts, stable
 * pagination.
 *
 * Search folds accents and case like the entity search ("Geneve" finds
 * "Genève"): it matches the folded copies in ArticleSearch (story title,
 * article title and text through parallax_fold, kept by triggers) with LIKE
 * over trigram indexes. Several words must all occur, in any order, anywhere
 * in a version or its story's title ("OpenAI Anthropic"); a substring match
 * needs no word segmentation, so Chinese, Japanese or Arabic are found as
 * reliably as Latin. Results are ranked: the whole query as a phrase in a
 * title, then in a text, then words in titles, then how many versions match;
 * the most recently updated first among equals.
 *
 * Filters apply to articles: a story is listed when one of its versions
 * matches the query and every filter ("stories with a Swedish version that
 * is unannotated"). Facet counts are numbers of stories, each computed with
 * all the other filters applied, so choosing a value never hides the others.
 */
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { searchTerms } from "./query";
import { findFolded, foldWithOrigins } from "./snippets";
import { visibleSpanSql, type Viewer } from "../authz/layers";
import {
  ANNOTATION_STATUSES,
  ASSIGNMENT_STATES,
  annotationStatusSql,
  assignmentStatesSql,
  storyStatus,
  type AnnotationStatus,
  type AssignmentState,
} from "./status";

export interface StorySearch {
  /** Substring to find in story titles, article titles and texts (any script). */
  q?: string | null;
  languages?: readonly string[];
  outlets?: readonly string[];
  status?: readonly AnnotationStatus[];
  /** Versions whose assignments stand so (lib/stories/status.ts). */
  assignment?: readonly AssignmentState[];
  /** Only versions assigned to this user (id): "assigned to me". */
  assignedTo?: string | null;
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
    assignment: FacetValue<AssignmentState>[];
    /** Stories with a version assigned to the user searching (with the other filters). */
    assignedToMe: number;
  };
}

const SNIPPET_CONTEXT = 60;

/** The query's words and phrase, folded by the database's own parallax_fold(). */
interface FoldedQuery {
  terms: string[];
  /** The words in order as one phrase, when there are several. */
  phrase: string | null;
}

async function foldQuery(db: Db, q: string | null): Promise<FoldedQuery | null> {
  const raw = q ? searchTerms(q) : [];
  if (!raw.length) return null;
  const rows = await db.$queryRaw<{ folded: string }[]>`
    SELECT parallax_fold(t) AS folded FROM unnest(${raw}::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i`;
  const folded = rows.map((r) => r.folded.trim()).filter(Boolean);
  const terms = [...new Set(folded)];
  if (!terms.length) return null;
  return { terms, phrase: folded.length > 1 ? folded.join(" ") : null };
}

const contains = (value: string) => `%${escapeLike(value)}%`;

/** Every word occurs in the search row `s` (its titles or its text). */
function allTermsSql(query: FoldedQuery): Prisma.Sql {
  return Prisma.join(
    query.terms.map((t) => Prisma.sql`(s.titles LIKE ${contains(t)} OR s.text LIKE ${contains(t)})`),
    " AND ",
  );
}

/** How well the search row `s` matches: the phrase in a title, in the text, then each word in a title. */
function scoreSql(query: FoldedQuery): Prisma.Sql {
  const parts = query.terms.map((t) => Prisma.sql`(CASE WHEN s.titles LIKE ${contains(t)} THEN 2 ELSE 0 END)`);
  if (query.phrase) {
    const p = contains(query.phrase);
    parts.push(Prisma.sql`(CASE WHEN s.titles LIKE ${p} THEN 8 WHEN s.text LIKE ${p} THEN 4 ELSE 0 END)`);
  }
  return Prisma.join(parts, " + ");
}

/**
 * The story list. `viewer`: the user searching, whose span counts follow what
 * they see (an independent annotator counts only their own spans) and whom
 * "assigned to me" means.
 */
export async function searchStories(
  db: Db,
  search: StorySearch = {},
  viewer: Viewer | null = null,
): Promise<StorySearchResult> {
  const pageSize = Math.min(100, Math.max(1, Math.floor(search.pageSize ?? 20)));
  const page = Math.max(1, Math.floor(search.page ?? 1));
  const languages = [...new Set(search.languages ?? [])];
  const outlets = [...new Set(search.outlets ?? [])];
  const status = [...new Set(search.status ?? [])].filter((s) => ANNOTATION_STATUSES.includes(s));
  const assignment = [...new Set(search.assignment ?? [])].filter((s) => ASSIGNMENT_STATES.includes(s));
  const query = await foldQuery(db, search.q?.trim() || null);

  // The filters, over the candidate versions `a` of the query below (columns computed once per version).
  const byLanguage = languages.length ? Prisma.sql`a.language = ANY(${languages}::text[])` : Prisma.sql`TRUE`;
  const byOutlet = outlets.length ? Prisma.sql`a.outlet = ANY(${outlets}::text[])` : Prisma.sql`TRUE`;
  const byStatus = status.length ? Prisma.sql`a.status_value = ANY(${status}::text[])` : Prisma.sql`TRUE`;
  const byAssignment = assignment.length
    ? Prisma.sql`a.assignment_value = ANY(${assignment}::text[])`
    : Prisma.sql`TRUE`;
  const byAssignee = search.assignedTo ? Prisma.sql`a.assigned_to` : Prisma.sql`TRUE`;
  const articleFilters = !!(
    languages.length ||
    outlets.length ||
    status.length ||
    assignment.length ||
    search.assignedTo
  );
  const all = Prisma.sql`${byLanguage} AND ${byOutlet} AND ${byStatus} AND ${byAssignment} AND ${byAssignee}`;

  const { ids, total, facets } = await storyPageAndFacets(db, {
    query,
    viewer,
    assignedTo: search.assignedTo ?? null,
    all,
    articleFilters,
    facets: {
      language: Prisma.sql`${byOutlet} AND ${byStatus} AND ${byAssignment} AND ${byAssignee}`,
      outlet: Prisma.sql`${byLanguage} AND ${byStatus} AND ${byAssignment} AND ${byAssignee}`,
      status: Prisma.sql`${byLanguage} AND ${byOutlet} AND ${byAssignment} AND ${byAssignee}`,
      assignment: Prisma.sql`${byLanguage} AND ${byOutlet} AND ${byStatus} AND ${byAssignee}`,
      mine: all,
    },
    page,
    pageSize,
  });
  const facet = (name: string) =>
    facets
      .filter((f) => f.facet === name)
      .sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0))
      .slice(0, 200);

  const [stories, snippets] = await Promise.all([
    loadStories(db, ids, viewer),
    query ? findSnippets(db, ids, query) : [],
  ]);
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
      languages: facet("language").map(({ value, count }) => ({ value, count })),
      outlets: facet("outlet").map(({ value, count }) => ({ value, count })),
      status: ANNOTATION_STATUSES.map((value) => ({
        value,
        count: facet("status").find((f) => f.value === value)?.count ?? 0,
      })),
      assignment: ASSIGNMENT_STATES.map((value) => ({
        value,
        count: facet("assignment").find((f) => f.value === value)?.count ?? 0,
      })),
      assignedToMe: viewer ? (facet("mine")[0]?.count ?? 0) : 0,
    },
  };
}

interface PageQuery {
  query: FoldedQuery | null;
  viewer: Viewer | null;
  assignedTo: string | null;
  /** Every filter, over the candidate versions `a`. */
  all: Prisma.Sql;
  articleFilters: boolean;
  /** Per facet, the other filters (a facet's own choice never hides its other values). */
  facets: Record<"language" | "outlet" | "status" | "assignment" | "mine", Prisma.Sql>;
  page: number;
  pageSize: number;
}

/**
 * The page of story ids, the total and every facet count in one statement,
 * over one pass of the candidate versions: the query's words are matched
 * (and each version's status and assignment state worked out) once, not
 * once per facet. Ranked with a query: the phrase in a title, then in a
 * text, then words in titles, then how many versions match; without one,
 * most recently updated first. A story without versions is found by its
 * title when nothing filters versions.
 */
async function storyPageAndFacets(
  db: Db,
  { query, viewer, assignedTo, all, articleFilters, facets, page, pageSize }: PageQuery,
): Promise<{ ids: string[]; total: number; facets: { facet: string; value: string; count: number }[] }> {
  const assigned = (userId: string | null) =>
    userId
      ? Prisma.sql`EXISTS (SELECT 1 FROM "Assignment" x WHERE x."articleId" = a.id AND x."userId" = ${userId}::uuid)`
      : Prisma.sql`FALSE`;
  const candidates = Prisma.sql`
    candidates AS MATERIALIZED (
      SELECT a.id, a."storyId", a.language, a.outlet,
             ${annotationStatusSql("a")} AS status_value,
             coalesce(asg.state, 'unassigned') AS assignment_value,
             ${assigned(assignedTo)} AS assigned_to,
             ${assigned(viewer?.id ?? null)} AS viewer_mine,
             ${query ? scoreSql(query) : Prisma.sql`0`} AS score
      FROM ${query ? Prisma.sql`"ArticleSearch" s JOIN "Article" a ON a.id = s."articleId"` : Prisma.sql`"Article" a`}
      LEFT JOIN (${assignmentStatesSql()}) asg ON asg."articleId" = a.id
      ${query ? Prisma.sql`WHERE ${allTermsSql(query)}` : Prisma.empty}
    )`;
  const titleOnly =
    query && !articleFilters
      ? Prisma.sql`UNION ALL
        SELECT st.id, 0 FROM "Story" st
        WHERE ${Prisma.join(
          query.terms.map((t) => Prisma.sql`st."titleFolded" LIKE ${contains(t)}`),
          " AND ",
        )}
          AND NOT EXISTS (SELECT 1 FROM "Article" a WHERE a."storyId" = st.id)`
      : Prisma.empty;
  // The stories listed, with their rank (lower first).
  const listed = query
    ? Prisma.sql`
      hits AS (SELECT a."storyId" AS id, a.score FROM candidates a WHERE ${all} ${titleOnly}),
      listed AS (SELECT id, max(score) * 10 + least(count(*), 9) AS score FROM hits GROUP BY id)`
    : Prisma.sql`
      listed AS (SELECT st.id, 0 AS score FROM "Story" st
                 ${articleFilters ? Prisma.sql`WHERE st.id IN (SELECT a."storyId" FROM candidates a WHERE ${all})` : Prisma.empty})`;
  const facetSql = (name: string, column: Prisma.Sql, filter: Prisma.Sql) => Prisma.sql`
    SELECT ${name} AS facet, ${column} AS value, count(DISTINCT a."storyId")::int AS count
    FROM candidates a WHERE ${filter} AND ${column} IS NOT NULL GROUP BY 2`;
  const facetQueries = [
    facetSql("language", Prisma.sql`a.language`, facets.language),
    facetSql("outlet", Prisma.sql`a.outlet`, facets.outlet),
    facetSql("status", Prisma.sql`a.status_value`, facets.status),
    facetSql("assignment", Prisma.sql`a.assignment_value`, facets.assignment),
    ...(viewer ? [facetSql("mine", Prisma.sql`'me'`, Prisma.sql`${facets.mine} AND a.viewer_mine`)] : []),
  ];
  const [row] = await db.$queryRaw<
    { ids: string[] | null; total: number; facets: { facet: string; value: string; count: number }[] | null }[]
  >`
    WITH ${candidates}, ${listed},
    page AS (
      SELECT st.id, row_number() OVER (ORDER BY l.score DESC, st."updatedAt" DESC, st.id ASC) AS n
      FROM listed l JOIN "Story" st ON st.id = l.id
      ORDER BY n
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    ),
    facets AS (${Prisma.join(facetQueries, " UNION ALL ")})
    SELECT (SELECT array_agg(id ORDER BY n) FROM page)::text[] AS ids,
           (SELECT count(*) FROM listed)::int AS total,
           (SELECT json_agg(f) FROM facets f) AS facets`;
  return { ids: row?.ids ?? [], total: row?.total ?? 0, facets: row?.facets ?? [] };
}

async function loadStories(db: Db, ids: string[], viewer: Viewer | null): Promise<Omit<StoryHit, "snippets">[]> {
  if (!ids.length) return [];
  const [stories, counts] = await Promise.all([
    db.story.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        key: true,
        title: true,
        updatedAt: true,
        articles: {
          select: { id: true, language: true, title: true, outlet: true, status: true },
          orderBy: [{ language: "asc" }, { id: "asc" }],
        },
      },
    }),
    // What the viewer sees of them (an independent annotator, only their own layer), counted
    // for these stories' versions only: a relation count in the ORM groups every span.
    db.$queryRaw<{ articleId: string; spans: number }[]>`
      SELECT s."articleId", count(*)::int AS spans
      FROM "Article" a JOIN "Span" s ON s."articleId" = a.id
      WHERE a."storyId" = ANY(${ids}::uuid[]) AND s."deletedAt" IS NULL
        AND ${viewer ? visibleSpanSql(viewer) : Prisma.sql`TRUE`}
      GROUP BY s."articleId"`,
  ]);
  const spansOf = new Map(counts.map((c) => [c.articleId, c.spans]));
  return stories.map((s) => {
    const articles = s.articles.map((a) => ({
      id: a.id,
      language: a.language,
      title: a.title,
      outlet: a.outlet,
      spans: spansOf.get(a.id) ?? 0,
      status: articleStatus(a.status, spansOf.get(a.id) ?? 0),
    }));
    return { ...s, articles, status: storyStatus(articles.map((a) => a.status)) };
  });
}

function articleStatus(status: "NEW" | "IN_PROGRESS" | "REVIEWED", spans: number): AnnotationStatus {
  if (status === "REVIEWED") return "reviewed";
  return status === "IN_PROGRESS" || spans > 0 ? "in_progress" : "unannotated";
}

/**
 * Where each matching version of the page's stories matched: the phrase if
 * it occurs, else the earliest word; in the title before the text. The
 * database finds the position in the folded text and sends a window of the
 * original around it, wide enough for what folding shifts; the match is then
 * placed exactly in the original (snippets.ts).
 */
async function findSnippets(db: Db, storyIds: string[], query: FoldedQuery): Promise<Snippet[]> {
  if (!storyIds.length) return [];
  const candidates = query.phrase ? [query.phrase, ...query.terms] : query.terms;
  const rows = await db.$queryRaw<
    {
      id: string;
      language: string;
      title: string | null;
      pos: number | null;
      candidate: number | null;
      from: number | null;
      window: string | null;
    }[]
  >`
    SELECT a.id, a.language, a.title, m.pos, m.i::int AS candidate, m.w_from AS "from", substr(a.text, m.w_from, m.w_to - m.w_from) AS window
    FROM "ArticleSearch" s JOIN "Article" a ON a.id = s."articleId"
    LEFT JOIN LATERAL (
      SELECT p.pos, p.i,
             greatest(1, p.pos - ${SNIPPET_CONTEXT} - (50 + p.pos / 4)) AS w_from,
             p.pos + char_length(p.t) + ${SNIPPET_CONTEXT} + (50 + p.pos / 4) AS w_to
      FROM (SELECT c.t, c.i, strpos(s.text, c.t) AS pos
            FROM unnest(${candidates}::text[]) WITH ORDINALITY AS c(t, i)) p
      WHERE p.pos > 0
      ORDER BY (${query.phrase !== null} AND p.i = 1) DESC, p.pos ASC
      LIMIT 1
    ) m ON TRUE
    WHERE a."storyId" = ANY(${storyIds}::uuid[]) AND ${allTermsSql(query)}
    ORDER BY a.language, a.id`;
  const snippets: Snippet[] = [];
  for (const r of rows) {
    const inTitle = r.title ? placeMatch(r.title, 0, 0, candidates) : null;
    // In the text, the candidate the database found first at that place.
    const first = r.candidate !== null ? candidates[r.candidate - 1]! : null;
    const snippet =
      inTitle ??
      (r.window !== null && first
        ? placeMatch(r.window, r.from! - 1, r.pos! - r.from!, [first, ...candidates.filter((c) => c !== first)])
        : null);
    if (snippet)
      snippets.push({ articleId: r.id, language: r.language, field: inTitle ? "title" : "text", ...snippet });
  }
  return snippets;
}

/**
 * The first candidate found in `text` (a field, or a window of one starting
 * at code point `offset`), the occurrence nearest `near`, with context.
 */
function placeMatch(text: string, offset: number, near: number, candidates: string[]) {
  const folded = foldWithOrigins(text);
  for (const candidate of candidates) {
    const matches = findFolded(folded, candidate);
    if (!matches.length) continue;
    const m = matches.reduce((best, x) => (Math.abs(x.start - near) < Math.abs(best.start - near) ? x : best));
    const chars = folded.original;
    return {
      start: offset + m.start,
      before: chars.slice(Math.max(0, m.start - SNIPPET_CONTEXT), m.start).join(""),
      match: chars.slice(m.start, m.end).join(""),
      after: chars.slice(m.end, m.end + SNIPPET_CONTEXT).join(""),
    };
  }
  return null;
}

/** LIKE treats % and _ as wildcards and \ as escape; a search is literal. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
