/**
 * Reads an export's rows from PostgreSQL in bounded batches, so memory stays
 * flat whatever the size of the dataset.
 *
 * Everything is read in one REPEATABLE READ, READ ONLY transaction on a
 * connection of its own: the counts, the articles and every span page see the
 * same snapshot, however long the export takes and whatever editors do
 * meanwhile. Articles come from a server-side cursor in export order, in
 * groups bounded by article count and total text size; each group's spans
 * come from a second cursor, sorted once by the database and fetched a page
 * at a time, so an article with a huge number of spans is split across pages.
 * The next page is requested before the current one is handed out, so the
 * database works while the serializer does.
 *
 * Why `pg` and not Prisma here: Prisma has no streaming read, and its raw
 * queries over a million rows cost about twice the memory (measured: ~340 MB
 * peak RSS against ~170 MB for the same export).
 */
import pg from "pg";
import { compareCodePoints } from "./filter";
import type { ArticleRecord, ClaimRecord, EntityRecord, SpanRecord } from "./records";
import {
  Params,
  articleConditions,
  articleWhere,
  countSelection,
  spanConditions,
  type ExportCounts,
  type Query,
  type Selection,
  type SelectionShape,
} from "./selection";

export interface BatchSizes {
  /** Articles per cursor fetch and at most per group. */
  articles: number;
  /** Spans per page. */
  spans: number;
  /** Code points of article text held at once (a longer article is a group of its own). */
  textCodePoints: number;
  /** Claims per fetch (ClaimReview). */
  claims: number;
}

export const DEFAULT_BATCH: BatchSizes = { articles: 200, spans: 2000, textCodePoints: 4_000_000, claims: 200 };

/** Part of one article: its spans in order, split across chunks when they fill more than a page. */
export interface ArticleChunk {
  article: ArticleRecord;
  spans: SpanRecord[];
  /** The first chunk of this article. */
  first: boolean;
  /** The last chunk of this article: all its spans have been handed out. */
  last: boolean;
}

/** Where a claim appears: the article (as its export record describes it) and the claim's wording there. */
export interface Appearance extends Pick<
  ArticleRecord,
  "story" | "language" | "title" | "outlet" | "author" | "url" | "published"
> {
  articleId: string;
  /** The claim's wording in this article (its first span there). */
  quote: string;
  start: number;
  end: number;
}

export interface ClaimReviewItem {
  claim: ClaimRecord & { verdict: NonNullable<ClaimRecord["verdict"]> };
  claimant: EntityRecord | null;
  appearances: Appearance[];
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const ARTICLE_COLUMNS = `a.id, a."externalId" AS "externalId", s.key AS story, s.title AS "storyTitle", a.language, a.title,
  a.outlet, a.author, a.url, to_char(a."publishedAt", 'YYYY-MM-DD') AS published, a.status::text AS status,
  a.revision, a."contentHash" AS "contentHash", a.length`;
const ARTICLE_ORDER = `s.key COLLATE "C", a.language COLLATE "C", a.id`;
const ENTITY_COLUMNS = `e.id, e.key, e.name, l.key AS label, e."wikidataQid" AS "wikidataQid", e.description,
  coalesce((SELECT json_agg(json_build_object('language', al.language, 'alias', al.alias)
                            ORDER BY al.language COLLATE "C", al.alias COLLATE "C")
            FROM "EntityAlias" al WHERE al."entityId" = e.id), '[]'::json) AS aliases`;
const CLAIM_COLUMNS = `c.id, c.key, c.statement, c."claimantId" AS "claimantId", to_char(c."claimDate", 'YYYY-MM-DD') AS "claimDate",
  CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('key', v.key, 'name', v.name, 'value', v.value) END AS verdict,
  c.note, c."evidenceUrls" AS "evidenceUrls", to_char(c."createdAt", ${ISO}) AS "createdAt", to_char(c."updatedAt", ${ISO}) AS "updatedAt"`;
const TIMESTAMP = 1114; // timestamp without time zone: Prisma's DateTime, stored as UTC

/** "2026-03-01 10:00:00.5" (PostgreSQL, DateStyle ISO) → "2026-03-01T10:00:00.500Z" (Date#toISOString). */
export function isoTimestamp(value: string): string {
  const fraction = value.length > 20 ? value.slice(20, 23).padEnd(3, "0") : "000";
  return `${value.slice(0, 10)}T${value.slice(11, 19)}.${fraction}Z`;
}

/** Entries kept in the entity, claim and user caches before they are dropped (between article groups). */
const CACHE_LIMIT = 20_000;

type ArticleMeta = Omit<ArticleRecord, "text">;

/**
 * A request made ahead of need. If the export stops before awaiting it (an
 * error, a cancelled download), its failure must not surface as an unhandled
 * rejection; awaiting it still throws.
 */
function ahead<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
type SpanRow = SpanRecord & { ord: number; createdByEmail: string | null; updatedByEmail: string | null };

export class ExportReader {
  private readonly entities = new Map<string, EntityRecord>();
  private readonly claims = new Map<string, ClaimRecord>();
  private readonly users = new Map<string, { email: string; name: string }>();
  private labels = new Map<string, string>();
  private closed = false;
  readonly query: Query;

  private constructor(
    private readonly client: pg.Client,
    readonly selection: Selection,
    readonly shape: SelectionShape,
    readonly batch: BatchSizes,
    private readonly signal?: AbortSignal,
  ) {
    this.query = async <T>(sql: string, params: readonly unknown[] = []) => {
      this.signal?.throwIfAborted();
      return (await this.client.query(sql, params as unknown[])).rows as T[];
    };
  }

  static async open(options: {
    databaseUrl: string;
    selection: Selection;
    shape: SelectionShape;
    batch?: Partial<BatchSizes>;
    signal?: AbortSignal;
  }): Promise<ExportReader> {
    const batch = { ...DEFAULT_BATCH, ...options.batch };
    for (const [name, value] of Object.entries(batch)) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`batch size ${name} must be a positive integer`);
    }
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: "parallax-export",
      // Timestamps stay text (made ISO 8601 below): no Date objects, no time-zone guessing.
      types: {
        getTypeParser: (oid: number, format?: string) =>
          oid === TIMESTAMP ? String : pg.types.getTypeParser(oid, format as "text"),
      } as pg.CustomTypesConfig,
    });
    await client.connect();
    let labels: { id: string; key: string }[];
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await client.query("SET LOCAL DateStyle = 'ISO, YMD'");
      // Each group's span query is estimated far dearer than it is (a loop of index scans),
      // enough for PostgreSQL to JIT-compile it: ~0.9 s per group for a query of ~60 ms.
      await client.query("SET LOCAL jit = off");
      labels = (await client.query<{ id: string; key: string }>(`SELECT id, key FROM "Label"`)).rows;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    const reader = new ExportReader(client, options.selection, options.shape, batch, options.signal);
    reader.labels = new Map(labels.map((l) => [l.id, l.key]));
    return reader;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.query("ROLLBACK");
    } finally {
      await this.client.end().catch(() => {});
    }
  }

  counts(): Promise<ExportCounts> {
    return countSelection(this.query, this.selection, this.shape);
  }

  /** The loaded entity `id` (every entity a handed-out span or claim references is loaded). */
  entity(id: string): EntityRecord {
    const entity = this.entities.get(id);
    if (!entity) throw new Error(`entity ${id} was not loaded`);
    return entity;
  }

  claim(id: string): ClaimRecord {
    const claim = this.claims.get(id);
    if (!claim) throw new Error(`claim ${id} was not loaded`);
    return claim;
  }

  /** Every selected article with its selected spans, in export order. */
  async *articles(): AsyncGenerator<ArticleChunk> {
    const p = new Params();
    const where = articleWhere(this.selection, p, this.shape);
    await this.query(
      `DECLARE parallax_export_articles NO SCROLL CURSOR FOR
       SELECT ${ARTICLE_COLUMNS} FROM "Article" a JOIN "Story" s ON s.id = a."storyId"
       WHERE ${where} ORDER BY ${ARTICLE_ORDER}`,
      p.values,
    );
    const fetch = () => ahead(this.query<ArticleMeta>(`FETCH ${this.batch.articles} FROM parallax_export_articles`));
    let next = fetch();
    for (;;) {
      const metas = await next;
      if (!metas.length) break;
      next = fetch();
      for (const group of this.groups(metas)) yield* this.group(group);
    }
    await next;
    await this.query(`CLOSE parallax_export_articles`);
  }

  /** Splits a batch of articles so a group's texts stay within the text budget. */
  private *groups(metas: ArticleMeta[]): Generator<ArticleMeta[]> {
    let group: ArticleMeta[] = [];
    let size = 0;
    for (const meta of metas) {
      if (group.length && size + meta.length > this.batch.textCodePoints) {
        yield group;
        group = [];
        size = 0;
      }
      group.push(meta);
      size += meta.length;
    }
    if (group.length) yield group;
  }

  private async *group(metas: ArticleMeta[]): AsyncGenerator<ArticleChunk> {
    if (this.entities.size > CACHE_LIMIT) this.entities.clear();
    if (this.claims.size > CACHE_LIMIT) this.claims.clear();
    if (this.users.size > CACHE_LIMIT) this.users.clear();
    const ids = metas.map((m) => m.id);
    const texts = new Map(
      (
        await this.query<{ id: string; text: string }>(`SELECT id, text FROM "Article" WHERE id = ANY($1::uuid[])`, [
          ids,
        ])
      ).map((r) => [r.id, r.text]),
    );
    const articles: ArticleRecord[] = metas.map((m) => ({ ...m, text: texts.get(m.id)! }));
    texts.clear();

    const p = new Params();
    const idsParam = p.add(ids);
    const revisionsParam = p.add(metas.map((m) => m.revision));
    const conditions = spanConditions(this.selection, p, this.shape.placedOnly ? "g.revision" : undefined);
    // One sort of the group's spans in the database, read page by page.
    await this.query(
      `DECLARE parallax_export_spans NO SCROLL CURSOR FOR
       SELECT sp.id, g.ord::int AS ord, sp.start, sp."end", sp.quote, sp.prefix, sp.suffix, sp.kind::text AS kind,
         sp."labelId" AS label, sp."entityId" AS "entityId", sp."claimId" AS "claimId",
         sp."reviewStatus"::text AS "reviewStatus", sp.orphaned, sp.revision, sp.source::text AS source, sp.version,
         sp."createdById" AS "createdById", sp."updatedById" AS "updatedBy", sp."createdAt" AS "createdAt",
         sp."updatedAt" AS "updatedAt", sp."createdByEmail" AS "createdByEmail", sp."updatedByEmail" AS "updatedByEmail",
         sp.layer::text AS layer, sp."layerOwnerId" AS annotator,
         sp."proposedById" AS "proposedBy", sp."acceptedById" AS "acceptedBy", sp."sourceSpanId" AS "sourceSpanId"
       FROM unnest(${idsParam}::uuid[], ${revisionsParam}::int[]) WITH ORDINALITY AS g(id, revision, ord)
       -- Each article's spans through the index, article by article (OFFSET 0 keeps the
       -- planner from flattening this into a hash join over a scan of every span,
       -- about a second per group at a million spans).
       CROSS JOIN LATERAL (
         SELECT * FROM "Span" sp WHERE sp."articleId" = g.id AND ${conditions.join(" AND ")} OFFSET 0
       ) sp
       ORDER BY g.ord, sp.start, sp."end", sp.id`,
      p.values,
    );
    const page = () => ahead(this.query<SpanRow>(`FETCH ${this.batch.spans} FROM parallax_export_spans`));

    // Hands out chunks in article order: articles without spans as one empty
    // chunk, an article whose spans continue on the next page stays open.
    let next = 0; // the next article not handed out yet
    let open = -1; // the article handed out but not closed, if any
    let pending: Promise<SpanRow[]> | null = page();
    while (pending) {
      const spans: SpanRow[] = await pending;
      const fullPage = spans.length === this.batch.spans;
      await this.load(spans);
      this.complete(spans);
      pending = fullPage ? page() : null;

      for (let i = 0; i < spans.length;) {
        const index = spans[i]!.ord - 1;
        let j = i + 1;
        while (j < spans.length && spans[j]!.ord - 1 === index) j++;
        if (open >= 0 && open !== index) {
          yield { article: articles[open]!, spans: [], first: false, last: true };
          open = -1;
        }
        for (; next < index; next++) yield { article: articles[next]!, spans: [], first: true, last: true };
        // A run reaching the end of a full page may continue on the next one.
        const last = j < spans.length || !fullPage;
        yield { article: articles[index]!, spans: spans.slice(i, j), first: open !== index, last };
        next = index + 1;
        open = last ? -1 : index;
        i = j;
      }
    }
    await this.query(`CLOSE parallax_export_spans`);
    if (open >= 0) yield { article: articles[open]!, spans: [], first: false, last: true };
    for (; next < articles.length; next++) yield { article: articles[next]!, spans: [], first: true, last: true };
  }

  /**
   * Turns fetched rows into SpanRecords in place: label ids to keys, user ids
   * to e-mails and names, PostgreSQL timestamps to ISO 8601. Joining these in
   * SQL would repeat the same few values on every one of a million rows.
   */
  private complete(rows: SpanRow[]): void {
    for (const row of rows) {
      const r = row as unknown as Record<string, unknown>;
      r.label = row.label === null ? null : (this.labels.get(row.label) ?? null);
      const creator = row.createdById ? this.users.get(row.createdById) : undefined;
      // An imported span whose author has no account here keeps the e-mail the file gave.
      r.createdBy = creator?.email ?? row.createdByEmail;
      r.createdByName = creator?.name ?? null;
      r.updatedBy = (row.updatedBy ? this.users.get(row.updatedBy)?.email : undefined) ?? row.updatedByEmail;
      // Until here the layer owner, proposer and accepter are user ids.
      for (const key of ["annotator", "proposedBy", "acceptedBy"] as const) {
        const id = row[key];
        if (id) r[key] = this.users.get(id)?.email ?? null;
      }
      r.createdAt = isoTimestamp(row.createdAt);
      r.updatedAt = isoTimestamp(row.updatedAt);
    }
  }

  /** Loads the claims, entities, claimants and users `spans` reference that are not cached yet. */
  private async load(spans: readonly SpanRow[]): Promise<void> {
    const claimIds = new Set<string>();
    const entityIds = new Set<string>();
    const userIds = new Set<string>();
    for (const s of spans) {
      if (s.claimId && !this.claims.has(s.claimId)) claimIds.add(s.claimId);
      if (s.entityId && !this.entities.has(s.entityId)) entityIds.add(s.entityId);
      if (s.createdById && !this.users.has(s.createdById)) userIds.add(s.createdById);
      // Until complete() runs, updatedBy holds the user's id.
      if (s.updatedBy && !this.users.has(s.updatedBy)) userIds.add(s.updatedBy);
      for (const id of [s.annotator, s.proposedBy, s.acceptedBy]) if (id && !this.users.has(id)) userIds.add(id);
    }
    if (userIds.size) {
      const rows = await this.query<{ id: string; email: string; name: string }>(
        `SELECT id, email, name FROM "User" WHERE id = ANY($1::uuid[])`,
        [[...userIds]],
      );
      for (const u of rows) this.users.set(u.id, { email: u.email, name: u.name });
    }
    if (claimIds.size) {
      const rows = await this.query<ClaimRecord>(
        `SELECT ${CLAIM_COLUMNS} FROM "Claim" c LEFT JOIN "VerdictRating" v ON v.id = c."verdictId" WHERE c.id = ANY($1::uuid[])`,
        [[...claimIds]],
      );
      for (const claim of rows) this.claims.set(claim.id, claim);
    }
    for (const s of spans) {
      const claimant = s.claimId ? this.claims.get(s.claimId)?.claimantId : null;
      if (claimant && !this.entities.has(claimant)) entityIds.add(claimant);
    }
    await this.loadEntities(entityIds);
  }

  private async loadEntities(ids: Set<string>): Promise<void> {
    if (!ids.size) return;
    const rows = await this.query<EntityRecord>(
      `SELECT ${ENTITY_COLUMNS} FROM "Entity" e JOIN "Label" l ON l.id = e."labelId" WHERE e.id = ANY($1::uuid[])`,
      [[...ids]],
    );
    for (const entity of rows) this.entities.set(entity.id, entity);
  }

  /** The lowest and highest value of the verdict scale (schema.org worstRating, bestRating). */
  async verdictScale(): Promise<{ worst: number; best: number }> {
    const [row] = await this.query<{ worst: number | null; best: number | null }>(
      `SELECT min(value)::int AS worst, max(value)::int AS best FROM "VerdictRating"`,
    );
    return { worst: row?.worst ?? 1, best: row?.best ?? 5 };
  }

  /**
   * Claims with a verdict that placed, selected spans link to, ordered by key,
   * each with one appearance per article that states it.
   */
  async *claimReviews(): AsyncGenerator<ClaimReviewItem> {
    const p = new Params();
    const spanWhere = [
      ...articleConditions(this.selection, p),
      ...spanConditions(this.selection, p, "a.revision"),
    ].join(" AND ");
    await this.query(
      `DECLARE parallax_export_claims NO SCROLL CURSOR FOR
       SELECT ${CLAIM_COLUMNS} FROM "Claim" c JOIN "VerdictRating" v ON v.id = c."verdictId"
       WHERE EXISTS (SELECT 1 FROM "Span" sp JOIN "Article" a ON a.id = sp."articleId"
                     WHERE sp."claimId" = c.id AND ${spanWhere})
       ORDER BY coalesce(c.key, c.id::text) COLLATE "C", c.id`,
      p.values,
    );
    const appearancesSql = `SELECT DISTINCT ON (sp."claimId", a.id) sp."claimId" AS "claimId", a.id AS "articleId", s.key AS story,
        a.language, a.title, a.outlet, a.author, a.url, to_char(a."publishedAt", 'YYYY-MM-DD') AS published,
        sp.quote, sp.start, sp."end"
      FROM "Span" sp JOIN "Article" a ON a.id = sp."articleId" JOIN "Story" s ON s.id = a."storyId"
      WHERE ${spanWhere} AND sp."claimId" = ANY($${p.values.length + 1}::uuid[])
      ORDER BY sp."claimId", a.id, sp.start, sp."end", sp.id`;
    for (;;) {
      const claims = await this.query<ClaimReviewItem["claim"]>(
        `FETCH ${this.batch.claims} FROM parallax_export_claims`,
      );
      if (!claims.length) break;
      const rows = await this.query<Appearance & { claimId: string }>(appearancesSql, [
        ...p.values,
        claims.map((c) => c.id),
      ]);
      this.entities.clear();
      await this.loadEntities(new Set(claims.flatMap((c) => (c.claimantId ? [c.claimantId] : []))));
      const byClaim = new Map<string, Appearance[]>();
      for (const { claimId, ...appearance } of rows) {
        const list = byClaim.get(claimId) ?? [];
        list.push(appearance);
        byClaim.set(claimId, list);
      }
      for (const claim of claims) {
        const appearances = (byClaim.get(claim.id) ?? []).sort(
          (x, y) =>
            compareCodePoints(x.story, y.story) ||
            compareCodePoints(x.language, y.language) ||
            (x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : 0),
        );
        yield { claim, claimant: claim.claimantId ? this.entity(claim.claimantId) : null, appearances };
      }
    }
    await this.query(`CLOSE parallax_export_claims`);
  }
}
