/**
 * The filter as SQL. The same fragments serve the preview (through Prisma) and
 * the streamed export (through its own connection in one snapshot), so the
 * counts shown before an export are the counts it writes.
 */
import type { Db } from "../db";
import { AppError } from "../errors";
import { ExportFilterError } from "./errors";
import { boundEnd, boundStart, hasSpanCriteria, LAYER_NAMES, type ExportFilter } from "./filter";

/** Runs one parameterized query ($1, $2… placeholders) and returns its rows. */
export type Query = <T>(sql: string, params?: readonly unknown[]) => Promise<T[]>;

export function prismaQuery(db: Db): Query {
  return async <T>(sql: string, params: readonly unknown[] = []) => (await db.$queryRawUnsafe(sql, ...params)) as T[];
}

/** Collects query parameters and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The annotation layer an export reads: the curated layer where an article
 * has one, else the shared one (auto, the default); one of them; an
 * annotator's own; or every layer.
 */
export type LayerChoice =
  | { kind: "auto" }
  | { kind: "shared" }
  | { kind: "curated" }
  | { kind: "all" }
  | { kind: "annotator"; ownerId: string };

/** A filter whose keys and e-mails have been looked up. */
export interface Selection {
  filter: ExportFilter;
  storyIds?: string[];
  labelIds?: string[];
  annotatorIds?: string[];
  layer: LayerChoice;
  /**
   * The user the export is for, if any: on an article they annotate
   * independently and have not marked done, no layer but theirs and the
   * shared one is read (other annotators' work, and the curated layer made
   * from it, stay hidden until then).
   */
  viewerId?: string;
  spanCriteria: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SelectionOptions {
  /** The user the export is for. */
  viewerId?: string;
  /** Whether they may read every annotator's layer (else only their own). Default true. */
  readsAllLayers?: boolean;
  /**
   * Whether annotators (and an annotator's layer) may be named by e-mail
   * address. Callers who may not look accounts up (anyone but an
   * administrator, over HTTP) name them by id — "unknown annotator" would
   * otherwise tell them which addresses have accounts — or name their own
   * layer. Default true (the CLI and the export worker).
   */
  annotatorEmails?: boolean;
}

export const ANNOTATOR_EMAILS_REFUSED =
  "annotators: name annotators by id (the Export page lists them); selecting them by e-mail address is for administrators";
export const LAYER_EMAIL_REFUSED =
  "layer: name an annotator's layer by their id (or your own e-mail); selecting it by another's e-mail address is for administrators";

/**
 * Looks up story keys, label keys and annotators; names every one that does
 * not exist (a typo would otherwise export nothing, silently).
 */
export async function resolveSelection(
  query: Query,
  filter: ExportFilter,
  options: SelectionOptions = {},
): Promise<Selection> {
  const annotatorEmails = options.annotatorEmails ?? true;
  const problems: string[] = [];
  const lookup = async (what: string, keys: string[] | undefined, sql: string) => {
    if (!keys) return undefined;
    const rows = await query<{ id: string; key: string }>(sql, [keys]);
    const found = new Map(rows.map((r) => [r.key, r.id]));
    const missing = keys.filter((k) => !found.has(k));
    if (missing.length) problems.push(`unknown ${what}: ${missing.join(", ")}`);
    return [...new Set(found.values())].sort();
  };
  const storyIds = await lookup("stories", filter.stories, `SELECT id, key FROM "Story" WHERE key = ANY($1::text[])`);
  const labelIds = await lookup("labels", filter.labels, `SELECT id, key FROM "Label" WHERE key = ANY($1::text[])`);
  if (problems.at(-1)?.startsWith("unknown labels")) {
    // Few enough to list, and keys are case-sensitive ("person" is not "PERSON").
    const all = await query<{ key: string }>(`SELECT key FROM "Label" ORDER BY "order", key`);
    problems[problems.length - 1] += ` (labels: ${all.map((l) => l.key).join(", ")})`;
  }
  let annotatorIds: string[] | undefined;
  if (filter.annotators) {
    const ids = filter.annotators.filter((a) => UUID.test(a)).map((a) => a.toLowerCase());
    const emails = filter.annotators.filter((a) => !UUID.test(a));
    // Refused whether or not the addresses have accounts, before any is looked up.
    if (emails.length && !annotatorEmails) throw new ExportFilterError([ANNOTATOR_EMAILS_REFUSED]);
    const rows = await query<{ id: string; email: string }>(
      `SELECT id::text AS id, lower(email) AS email FROM "User" WHERE id::text = ANY($1::text[]) OR lower(email) = ANY($2::text[])`,
      [ids, emails],
    );
    const missing = [
      ...ids.filter((id) => !rows.some((r) => r.id === id)),
      ...emails.filter((e) => !rows.some((r) => r.email === e)),
    ];
    if (missing.length) problems.push(`unknown annotators: ${missing.join(", ")}`);
    annotatorIds = [...new Set(rows.map((r) => r.id))].sort();
  }
  let layer: LayerChoice = { kind: "auto" };
  if (filter.layer && LAYER_NAMES.has(filter.layer)) layer = { kind: filter.layer as "curated" | "shared" | "all" };
  else if (filter.layer) {
    const byId = UUID.test(filter.layer);
    const [row] = await query<{ id: string }>(
      byId
        ? `SELECT id::text AS id FROM "User" WHERE id::text = $1`
        : `SELECT id::text AS id FROM "User" WHERE lower(email) = $1`,
      [filter.layer.toLowerCase()],
    );
    // Someone else's address, or none: the same answer, so the layer cannot be used to probe addresses.
    if (!byId && !annotatorEmails && (!row || row.id !== options.viewerId)) {
      throw new ExportFilterError([LAYER_EMAIL_REFUSED]);
    }
    if (row) layer = { kind: "annotator", ownerId: row.id };
    else problems.push(`unknown layer: ${filter.layer} (curated, shared, all, or an annotator's id or e-mail)`);
  }
  if (problems.length) throw new ExportFilterError(problems);
  const othersLayers = layer.kind === "all" || (layer.kind === "annotator" && layer.ownerId !== options.viewerId);
  if (othersLayers && options.readsAllLayers === false) {
    throw new AppError("FORBIDDEN", "Your role does not allow exporting another annotator's layer.", 403);
  }
  return {
    filter,
    storyIds,
    labelIds,
    annotatorIds,
    layer,
    ...(options.viewerId && { viewerId: options.viewerId }),
    spanCriteria: hasSpanCriteria(filter),
  };
}

/** Conditions on the article alias `a`. */
export function articleConditions(s: Selection, p: Params, a = "a"): string[] {
  const f = s.filter;
  const where: string[] = [];
  if (s.storyIds) where.push(`${a}."storyId" = ANY(${p.add(s.storyIds)}::uuid[])`);
  if (f.languages) where.push(`${a}.language = ANY(${p.add(f.languages)}::text[])`);
  if (f.outlets) where.push(`${a}.outlet = ANY(${p.add(f.outlets)}::text[])`);
  if (f.published?.from) where.push(`${a}."publishedAt" >= ${p.add(f.published.from)}::date`);
  if (f.published?.to) where.push(`${a}."publishedAt" <= ${p.add(f.published.to)}::date`);
  return where;
}

/**
 * Conditions on the span alias `sp`. `placedRevision` is the SQL for the
 * article's current revision when only spans placed on the current text are
 * wanted (every format but Parallax JSONL, which also carries orphans).
 */
export function spanConditions(s: Selection, p: Params, placedRevision?: string, sp = "sp"): string[] {
  const f = s.filter;
  const where = [`${sp}."deletedAt" IS NULL`, ...layerConditions(s, p, sp)];
  if (placedRevision) where.push(`NOT ${sp}.orphaned`, `${sp}.revision = ${placedRevision}`);
  if (s.labelIds) where.push(`${sp}."labelId" = ANY(${p.add(s.labelIds)}::uuid[])`);
  if (f.kinds) where.push(`${sp}.kind::text = ANY(${p.add(f.kinds.map((k) => k.toUpperCase()))}::text[])`);
  if (s.annotatorIds) where.push(`${sp}."createdById" = ANY(${p.add(s.annotatorIds)}::uuid[])`);
  if (f.reviewStatuses) where.push(`${sp}."reviewStatus"::text = ANY(${p.add(f.reviewStatuses)}::text[])`);
  for (const [key, column] of [
    ["created", "createdAt"],
    ["updated", "updatedAt"],
  ] as const) {
    const r = f[key];
    // Timestamps are stored as UTC without a zone.
    if (r?.from) where.push(`${sp}."${column}" >= (${p.add(boundStart(r.from))}::timestamptz AT TIME ZONE 'UTC')`);
    if (r?.to) where.push(`${sp}."${column}" < (${p.add(boundEnd(r.to))}::timestamptz AT TIME ZONE 'UTC')`);
  }
  return where;
}

/** The layer conditions on the span alias `sp` (lib/authz/layers.ts says who sees which layer in the app). */
function layerConditions(s: Selection, p: Params, sp: string): string[] {
  const where: string[] = [];
  const layer = s.layer;
  if (layer.kind === "shared") where.push(`${sp}.layer = 'SHARED'`);
  else if (layer.kind === "curated") where.push(`${sp}.layer = 'CURATED'`);
  else if (layer.kind === "annotator")
    where.push(`${sp}.layer = 'ANNOTATOR'`, `${sp}."layerOwnerId" = ${p.add(layer.ownerId)}::uuid`);
  else if (layer.kind === "auto") {
    // An uncorrelated NOT IN: PostgreSQL hashes the curated articles once.
    where.push(`(${sp}.layer = 'CURATED' OR (${sp}.layer = 'SHARED' AND ${sp}."articleId" NOT IN (
      SELECT c."articleId" FROM "Span" c WHERE c.layer = 'CURATED' AND c."deletedAt" IS NULL)))`);
  }
  if (s.viewerId && layer.kind !== "shared") {
    const viewer = p.add(s.viewerId);
    where.push(`(${sp}.layer = 'SHARED' OR ${sp}."layerOwnerId" IS NOT DISTINCT FROM ${viewer}::uuid OR ${sp}."articleId" NOT IN (
      SELECT x."articleId" FROM "Assignment" x
      WHERE x."userId" = ${viewer}::uuid AND x.mode = 'INDEPENDENT' AND x.status <> 'DONE'))`);
  }
  return where;
}

export interface SelectionShape {
  /** Only spans placed on the article's current text (not orphaned by a text edit). */
  placedOnly: boolean;
  /** Whether articles with no selected span are part of the export. */
  articlesWithoutSpans: boolean;
}

/** The WHERE clause selecting the export's articles (alias `a`). */
export function articleWhere(s: Selection, p: Params, shape: SelectionShape): string {
  const where = articleConditions(s, p);
  if (!shape.articlesWithoutSpans) {
    const spans = spanConditions(s, p, shape.placedOnly ? `a.revision` : undefined);
    where.push(`EXISTS (SELECT 1 FROM "Span" sp WHERE sp."articleId" = a.id AND ${spans.join(" AND ")})`);
  }
  return where.length ? where.join(" AND ") : "TRUE";
}

export interface ExportCounts {
  articles: number;
  spans: {
    total: number;
    byKind: { entity: number; claim: number };
    /** Spans per label key ("(none)" for spans without a label). */
    byLabel: Record<string, number>;
    /** Spans a text edit left on an older revision (only Parallax JSONL carries them). */
    orphaned: number;
  };
  /** Distinct entities the spans link to. */
  entities: number;
  /** Distinct claims the spans link to. */
  claims: number;
  /** Claims with a verdict, linked from spans placed on the current text: the ClaimReview items. */
  claimReviews: number;
}

/** Counts of what a selection exports, in one consistent pass. */
export async function countSelection(query: Query, s: Selection, shape: SelectionShape): Promise<ExportCounts> {
  const p = new Params();
  const articles = articleWhere(s, p, shape);
  const [{ n: articleCount } = { n: 0 }] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Article" a WHERE ${articles}`,
    p.values,
  );

  const q = new Params();
  const spanWhere = [
    ...articleConditions(s, q),
    ...spanConditions(s, q, shape.placedOnly ? "a.revision" : undefined),
  ].join(" AND ");
  // One scan for everything: spans per kind, label and placement; distinct
  // entities; distinct claims and those a ClaimReview export would write.
  const rows = await query<{
    set: number;
    kind: string | null;
    label: string | null;
    placed: boolean | null;
    groups: number;
    n: number;
    reviews: number;
  }>(
    `SELECT g.set, g.kind, l.key AS label, g.placed, count(*)::int AS groups, sum(g.n)::int AS n,
            count(*) FILTER (WHERE g.reviewable)::int AS reviews
     FROM (
       SELECT GROUPING(sp."entityId", sp."claimId") AS set, sp.kind::text AS kind, sp."labelId",
              (NOT sp.orphaned AND sp.revision = a.revision) AS placed, sp."entityId", sp."claimId", count(*) AS n,
              bool_or(c."verdictId" IS NOT NULL AND NOT sp.orphaned AND sp.revision = a.revision) AS reviewable
       FROM "Span" sp JOIN "Article" a ON a.id = sp."articleId" LEFT JOIN "Claim" c ON c.id = sp."claimId"
       WHERE ${spanWhere}
       GROUP BY GROUPING SETS ((sp.kind, sp."labelId", 4), (sp."entityId"), (sp."claimId"))
     ) g LEFT JOIN "Label" l ON l.id = g."labelId"
     WHERE g.set = 3 OR (g.set = 1 AND g."entityId" IS NOT NULL) OR (g.set = 2 AND g."claimId" IS NOT NULL)
     GROUP BY 1, 2, 3, 4`,
    q.values,
  );

  const byLabel: Record<string, number> = {};
  const byKind = { entity: 0, claim: 0 };
  let total = 0;
  let orphaned = 0;
  let entities = 0;
  let claims = 0;
  let claimReviews = 0;
  for (const r of rows) {
    if (r.set === 1) {
      entities = r.groups;
    } else if (r.set === 2) {
      claims = r.groups;
      claimReviews = r.reviews;
    } else {
      total += r.n;
      if (!r.placed) orphaned += r.n;
      byKind[r.kind === "CLAIM" ? "claim" : "entity"] += r.n;
      const label = r.label ?? "(none)";
      byLabel[label] = (byLabel[label] ?? 0) + r.n;
    }
  }
  return {
    articles: articleCount,
    spans: { total, byKind, byLabel: sortedRecord(byLabel), orphaned },
    entities,
    claims,
    claimReviews,
  };
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
