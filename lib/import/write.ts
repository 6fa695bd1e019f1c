/**
 * Writes prepared articles. A batch is planned with a handful of queries (no
 * query per article), then written in one transaction; when that transaction
 * fails, each article of the batch is planned and written again in its own
 * transaction, so a bad article is rejected alone. Either way an article
 * and its spans are written together or not at all.
 *
 * Identity, in order: the line's `id` (a Parallax export), its `external_id`,
 * else the same text (content hash) in the same story. A known article is
 * updated — fields given replace stored ones, new text becomes a revision
 * (spans carried over), new spans are added — or skipped when nothing
 * differs. Spans already present (same id, or same offsets, kind, label,
 * entity and claim, deleted ones included) are never added twice.
 */
import { randomUUID } from "node:crypto";
import { audit, type AuditActor } from "../audit/log";
import type { Db, Prisma } from "../db";
import {
  applyRevision,
  planRevisionOfNormalized,
  spanStateSelect,
  summarize,
  type RevisionPlan,
  type SpanState,
  type Tx,
} from "../revisions/revise";
import { bulkInsert, day, utc } from "../sql/bulk-insert";
import { ImportError } from "./errors";
import type { PreparedArticle, PreparedClaim, PreparedEntity, PreparedSpan } from "./prepare";
import type { Taxonomy } from "./taxonomy";

export interface ImportActor {
  /** The user doing the import (recorded on spans and revisions), or null for system work. */
  id: string | null;
}

export interface WriteContext {
  db: Db;
  taxonomy: Taxonomy;
  actor: ImportActor;
  /** Plan and report, write nothing. */
  dryRun?: boolean;
  /**
   * Runs inside every write transaction, after its rows, with the outcomes
   * of the articles it wrote (e.g. an audit event that must hold exactly
   * when the rows do). Throwing undoes the transaction.
   */
  onWrite?: (tx: Tx, written: WrittenOutcome[]) => Promise<void>;
  /**
   * Who to audit the writes as: each batch that writes leaves an
   * `article.import.batch` event in its own transaction, so an import that is
   * interrupted (or crashes) has an audit trail for every article it wrote.
   */
  auditActor?: AuditActor | null;
}

/**
 * Thrown by a caller's hook to stop the import where it is: the batch being
 * written is undone and not retried article by article, and the error
 * reaches importJsonl's caller as it is.
 */
export class ImportStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportStopped";
  }
}

/**
 * Called once per batch with all its outcomes: inside the batch's
 * transaction when the batch was written in one (so what it stores holds
 * exactly when the batch does), otherwise — nothing to write, a dry run, or
 * a batch written article by article — with the client, after the writes.
 */
export type BatchDone = (db: Tx | Db, outcomes: ArticleOutcome[]) => Promise<void>;

export type ArticleAction = "imported" | "updated" | "skipped";

export type ArticleOutcome =
  | {
      line: number;
      action: ArticleAction;
      articleId: string;
      storyId: string;
      spansCreated: number;
      entitiesCreated: number;
      claimsCreated: number;
      /** Set when the text changed: how the existing spans were carried to the new revision. */
      revision?: { number: number; context: number; nearest: number; orphaned: number };
      warnings: string[];
    }
  | { line: number; action: "rejected"; reason: string };

export type WrittenOutcome = Exclude<ArticleOutcome, { action: "rejected" }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes a batch; never throws for a bad article (it becomes a rejected
 * outcome). Only an ImportStopped from a hook ends it early.
 */
export async function writeArticles(
  ctx: WriteContext,
  articles: readonly PreparedArticle[],
  done?: BatchDone,
): Promise<ArticleOutcome[]> {
  if (articles.length === 0) {
    await done?.(ctx.db, []);
    return [];
  }
  try {
    return await writeTogether(ctx, articles, done);
  } catch (error) {
    if (error instanceof ImportStopped) throw error;
    const outcomes = await writeOneByOne(ctx, articles, error);
    await done?.(ctx.db, outcomes);
    return outcomes;
  }
}

async function writeOneByOne(
  ctx: WriteContext,
  articles: readonly PreparedArticle[],
  error: unknown,
): Promise<ArticleOutcome[]> {
  if (articles.length === 1) {
    // Once more after a conflict with a concurrent writer: the new plan sees its rows.
    if (isRetryable(error)) {
      try {
        return await writeTogether(ctx, articles);
      } catch (again) {
        if (again instanceof ImportStopped) throw again;
        return [rejected(articles[0]!, again)];
      }
    }
    return [rejected(articles[0]!, error)];
  }
  const outcomes: ArticleOutcome[] = [];
  for (const article of articles) outcomes.push(...(await writeArticles(ctx, [article])));
  return outcomes;
}

async function auditBatch(tx: Tx, actor: AuditActor, outcomes: readonly ArticleOutcome[]): Promise<void> {
  const written = outcomes.filter(
    (o): o is Extract<ArticleOutcome, { articleId: string }> => o.action === "imported" || o.action === "updated",
  );
  if (!written.length) return;
  await audit(tx, {
    action: "article.import.batch",
    actor,
    detail: {
      imported: written.filter((o) => o.action === "imported").map((o) => o.articleId),
      updated: written.filter((o) => o.action === "updated").map((o) => o.articleId),
      lines: written.map((o) => o.line),
    },
  });
}

function rejected(article: PreparedArticle, error: unknown): ArticleOutcome {
  const message =
    error instanceof ImportError
      ? error.message
      : `could not be written: ${(error instanceof Error ? error.message : String(error)).trim().split("\n").slice(-1)[0]!.slice(0, 300)}`;
  return { line: article.line, action: "rejected", reason: message };
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ImportError) return error.code === "CONFLICT";
  const code = (error as { code?: unknown })?.code;
  return code === "P2002" || code === "P2003" || code === "P2034";
}

async function writeTogether(
  ctx: WriteContext,
  articles: readonly PreparedArticle[],
  done?: BatchDone,
): Promise<ArticleOutcome[]> {
  const lookups = await lookUp(ctx.db, articles);
  const batch = new BatchPlan(ctx, lookups);
  for (const article of articles) batch.add(article);
  if (!ctx.dryRun && batch.hasWrites()) {
    await ctx.db.$transaction(
      async (tx) => {
        await batch.apply(tx);
        const written = batch.outcomes.filter(
          (o): o is WrittenOutcome => o.action !== "rejected" && o.action !== "skipped",
        );
        if (ctx.auditActor) await auditBatch(tx, ctx.auditActor, batch.outcomes);
        if (ctx.onWrite && written.length) await ctx.onWrite(tx, written);
        await done?.(tx, batch.outcomes);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } else await done?.(ctx.db, batch.outcomes);
  return batch.outcomes;
}

// ───────────────────────────── Looking up what exists ─────────────────────────────

const existingArticleSelect = {
  id: true,
  storyId: true,
  externalId: true,
  language: true,
  title: true,
  outlet: true,
  author: true,
  url: true,
  publishedAt: true,
  contentHash: true,
  revision: true,
} as const satisfies Prisma.ArticleSelect;

type ExistingArticle = Prisma.ArticleGetPayload<{ select: typeof existingArticleSelect }>;
type ExistingSpan = SpanState & {
  articleId: string;
  layer: "SHARED" | "ANNOTATOR" | "CURATED";
  layerOwnerId: string | null;
  kind: "ENTITY" | "CLAIM";
  labelId: string | null;
  entityId: string | null;
  claimId: string | null;
};
interface ExistingEntity {
  id: string;
  key: string | null;
  labelId: string;
}
interface ExistingClaim {
  id: string;
  key: string | null;
}

interface Lookups {
  articlesById: Map<string, ExistingArticle>;
  articlesByExternalId: Map<string, ExistingArticle>;
  articlesByStoryHash: Map<string, ExistingArticle>;
  storiesByKey: Map<string, { id: string; key: string; title: string }>;
  entitiesByKey: Map<string, ExistingEntity>;
  entitiesById: Map<string, ExistingEntity>;
  claimsByKey: Map<string, ExistingClaim>;
  claimsById: Map<string, ExistingClaim>;
  /** Spans of the articles that exist, and their current text. */
  spansByArticle: Map<string, ExistingSpan[]>;
  textById: Map<string, string>;
  /** Articles the given span ids belong to. */
  spanArticle: Map<string, string>;
  usersByEmail: Map<string, string>;
}

async function lookUp(db: Db, articles: readonly PreparedArticle[]): Promise<Lookups> {
  const ids = unique(articles.map((a) => a.id));
  const externalIds = unique(articles.map((a) => a.externalId));
  const storyKeys = unique(articles.map((a) => a.storyKey));
  const entityKeys = unique(
    articles.flatMap((a) => [
      ...a.spans.map((s) => s.entityKey),
      ...a.entities.map((e) => e.key),
      ...a.claims.map((c) => c.claimantKey),
    ]),
  );
  const entityIds = unique([
    ...articles.flatMap((a) => a.entities.map((e) => e.id)),
    ...entityKeys.filter((k) => UUID.test(k)).map((k) => k.toLowerCase()),
  ]);
  const claimKeys = unique(articles.flatMap((a) => [...a.spans.map((s) => s.claimKey), ...a.claims.map((c) => c.key)]));
  const claimIds = unique([
    ...articles.flatMap((a) => a.claims.map((c) => c.id)),
    ...claimKeys.filter((k) => UUID.test(k)).map((k) => k.toLowerCase()),
  ]);
  const spanIds = unique(articles.flatMap((a) => a.spans.map((s) => s.id)));
  const emails = unique(
    articles.flatMap((a) =>
      a.spans.flatMap((s) => [s.createdBy, s.updatedBy, s.annotator, s.proposedBy, s.acceptedBy]),
    ),
  );

  const none = Promise.resolve([]);
  const [known, stories, entities, claims, spans, users] = await Promise.all([
    ids.length || externalIds.length
      ? db.article.findMany({
          where: { OR: [{ id: { in: ids } }, { externalId: { in: externalIds } }] },
          select: existingArticleSelect,
        })
      : none,
    db.story.findMany({ where: { key: { in: storyKeys } }, select: { id: true, key: true, title: true } }),
    entityKeys.length || entityIds.length
      ? db.entity.findMany({
          where: { OR: [{ key: { in: entityKeys } }, { id: { in: entityIds } }] },
          select: { id: true, key: true, labelId: true },
        })
      : none,
    claimKeys.length || claimIds.length
      ? db.claim.findMany({
          where: { OR: [{ key: { in: claimKeys } }, { id: { in: claimIds } }] },
          select: { id: true, key: true },
        })
      : none,
    spanIds.length ? db.span.findMany({ where: { id: { in: spanIds } }, select: { id: true, articleId: true } }) : none,
    emails.length
      ? db.user.findMany({
          where: { email: { in: emails, mode: "insensitive" } },
          select: { id: true, email: true },
        })
      : none,
  ]);

  const articlesById = new Map(known.map((a) => [a.id, a]));
  const articlesByExternalId = new Map(known.filter((a) => a.externalId).map((a) => [a.externalId!, a]));
  const storiesByKey = new Map(stories.map((s) => [s.key, s]));

  // Same text in the same story, for lines not known by id or external id.
  const unmatched = articles.filter((a) => !matchById(a, articlesById, articlesByExternalId));
  const storyIds = unique(unmatched.map((a) => storiesByKey.get(a.storyKey)?.id ?? null));
  const byHash = storyIds.length
    ? await db.article.findMany({
        where: { storyId: { in: storyIds }, contentHash: { in: unique(unmatched.map((a) => a.contentHash)) } },
        select: existingArticleSelect,
        orderBy: { createdAt: "asc" },
      })
    : [];
  const articlesByStoryHash = new Map<string, ExistingArticle>();
  for (const a of byHash)
    if (!articlesByStoryHash.has(`${a.storyId}:${a.contentHash}`))
      articlesByStoryHash.set(`${a.storyId}:${a.contentHash}`, a);

  // Spans (and, when the text changed, the text) of every article that exists.
  const matched = new Map<string, ExistingArticle>();
  const changedText: string[] = [];
  for (const a of articles) {
    const m =
      matchById(a, articlesById, articlesByExternalId) ??
      articlesByStoryHash.get(`${storiesByKey.get(a.storyKey)?.id}:${a.contentHash}`);
    if (!m) continue;
    matched.set(m.id, m);
    if (m.contentHash !== a.contentHash) changedText.push(m.id);
  }
  const [existingSpans, texts] = await Promise.all([
    matched.size
      ? db.span.findMany({
          where: { articleId: { in: [...matched.keys()] } },
          select: {
            ...spanStateSelect,
            articleId: true,
            kind: true,
            labelId: true,
            entityId: true,
            claimId: true,
            layer: true,
            layerOwnerId: true,
          },
        })
      : none,
    changedText.length
      ? db.article.findMany({ where: { id: { in: changedText } }, select: { id: true, text: true } })
      : none,
  ]);
  const spansByArticle = new Map<string, ExistingSpan[]>();
  for (const s of existingSpans) {
    const list = spansByArticle.get(s.articleId) ?? [];
    list.push(s);
    spansByArticle.set(s.articleId, list);
  }

  return {
    articlesById,
    articlesByExternalId,
    articlesByStoryHash,
    storiesByKey,
    entitiesByKey: new Map(entities.filter((e) => e.key).map((e) => [e.key!, e])),
    entitiesById: new Map(entities.map((e) => [e.id, e])),
    claimsByKey: new Map(claims.filter((c) => c.key).map((c) => [c.key!, c])),
    claimsById: new Map(claims.map((c) => [c.id, c])),
    spansByArticle,
    textById: new Map(texts.map((t) => [t.id, t.text])),
    spanArticle: new Map(spans.map((s) => [s.id, s.articleId])),
    usersByEmail: new Map(users.map((u) => [u.email.toLowerCase(), u.id])),
  };
}

function matchById(
  a: PreparedArticle,
  byId: Map<string, ExistingArticle>,
  byExternalId: Map<string, ExistingArticle>,
): ExistingArticle | undefined {
  return (a.id ? byId.get(a.id) : undefined) ?? (a.externalId ? byExternalId.get(a.externalId) : undefined);
}

function unique(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v !== ""))];
}

// ───────────────────────────── Planning a batch ─────────────────────────────

class Rejection extends Error {}

interface SpanRow {
  id: string;
  articleId: string;
  revision: number;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  kind: "ENTITY" | "CLAIM";
  labelId: string | null;
  entityId: string | null;
  claimId: string | null;
  reviewStatus: "PENDING" | "APPROVED" | "REJECTED";
  orphaned: boolean;
  source: "MANUAL" | "IMPORT" | "SUGGESTION";
  version: number;
  createdById: string | null;
  updatedById: string | null;
  /** The file's e-mail when no account here has it. */
  createdByEmail: string | null;
  updatedByEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
  layer: "SHARED" | "ANNOTATOR" | "CURATED";
  layerOwnerId: string | null;
  proposedById: string | null;
  acceptedById: string | null;
  sourceSpanId: string | null;
}
interface ArticleRow {
  line: number;
  id: string;
  storyId: string;
  externalId: string | null;
  language: string;
  title: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  publishedAt: Date | null;
  text: string;
  length: number;
  contentHash: string;
  revision: number;
  status: "NEW" | "IN_PROGRESS" | "REVIEWED";
}
interface EntityRow {
  id: string;
  key: string | null;
  name: string;
  labelId: string;
  wikidataQid: string | null;
  description: string | null;
}
type ClaimRow = Prisma.ClaimCreateManyInput & { id: string };
interface AliasRow {
  entityId: string;
  language: string;
  alias: string;
}

/** What one article adds; merged into the batch only when the article is accepted. */
interface ArticleWrites {
  stories: Map<string, { id: string; key: string; title: string; explicit: boolean }>;
  entities: Map<string, EntityRow>;
  claims: Map<string, ClaimRow>;
  aliases: AliasRow[];
  spans: SpanRow[];
}

class BatchPlan {
  readonly outcomes: ArticleOutcome[] = [];
  private readonly now = new Date();
  private readonly newStories = new Map<string, { id: string; key: string; title: string; explicit: boolean }>();
  private readonly storyTitles = new Map<string, string>();
  private readonly touchedStories = new Set<string>();
  private readonly newEntities = new Map<string, EntityRow>();
  private readonly newClaims = new Map<string, ClaimRow>();
  private readonly aliases: AliasRow[] = [];
  private readonly articles: ArticleRow[] = [];
  private readonly revisions: { plan: RevisionPlan; line: number }[] = [];
  private readonly updates: { id: string; data: Prisma.ArticleUpdateInput }[] = [];
  private readonly spans: SpanRow[] = [];

  constructor(
    private readonly ctx: WriteContext,
    private readonly lookups: Lookups,
  ) {}

  hasWrites(): boolean {
    return this.outcomes.some((o) => o.action === "imported" || o.action === "updated");
  }

  add(article: PreparedArticle): void {
    const writes: ArticleWrites = {
      stories: new Map(),
      entities: new Map(),
      claims: new Map(),
      aliases: [],
      spans: [],
    };
    try {
      const existing = this.findExisting(article);
      const outcome = existing ? this.planUpdate(article, existing, writes) : this.planCreate(article, writes);
      if (outcome.action !== "skipped") this.merge(writes);
      this.outcomes.push(outcome);
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      this.outcomes.push({ line: article.line, action: "rejected", reason: error.message });
    }
  }

  private findExisting(a: PreparedArticle): ExistingArticle | undefined {
    const { lookups } = this;
    const byId = a.id ? lookups.articlesById.get(a.id) : undefined;
    if (byId && a.externalId && byId.externalId && byId.externalId !== a.externalId) {
      throw new Rejection(`id ${a.id} belongs to the article with external_id ${JSON.stringify(byId.externalId)}`);
    }
    const storyId = lookups.storiesByKey.get(a.storyKey)?.id;
    return (
      byId ??
      (a.externalId ? lookups.articlesByExternalId.get(a.externalId) : undefined) ??
      (storyId ? lookups.articlesByStoryHash.get(`${storyId}:${a.contentHash}`) : undefined)
    );
  }

  private planCreate(a: PreparedArticle, writes: ArticleWrites): ArticleOutcome {
    const story = this.storyFor(a, writes);
    const articleId = a.id ?? randomUUID();
    const revision = a.revision ?? 1;
    const counts = this.planSpans(a, articleId, story.id, revision, [], writes);
    this.articles.push({
      line: a.line,
      id: articleId,
      storyId: story.id,
      externalId: a.externalId,
      language: a.language,
      title: a.title,
      outlet: a.outlet,
      author: a.author,
      url: a.url,
      publishedAt: a.publishedAt,
      text: a.text,
      length: a.length,
      contentHash: a.contentHash,
      revision,
      status: a.status ?? "NEW",
    });
    this.touchedStories.add(story.id);
    return { line: a.line, action: "imported", articleId, storyId: story.id, ...counts, warnings: a.warnings };
  }

  private planUpdate(a: PreparedArticle, existing: ExistingArticle, writes: ArticleWrites): ArticleOutcome {
    const warnings = [...a.warnings];
    const base = { line: a.line, articleId: existing.id, storyId: existing.storyId };
    if (a.externalId && existing.externalId && a.externalId !== existing.externalId) {
      // Same text in the same story under another external id: a duplicate.
      warnings.push(
        `same text as the article with external_id ${JSON.stringify(existing.externalId)} in story ${JSON.stringify(a.storyKey)}: skipped`,
      );
      return { ...base, action: "skipped", spansCreated: 0, entitiesCreated: 0, claimsCreated: 0, warnings };
    }
    if (a.storyKeyGiven && this.lookups.storiesByKey.get(a.storyKey)?.id !== existing.storyId) {
      warnings.push(
        `the article already belongs to another story; it stays there (story ${JSON.stringify(a.storyKey)} ignored)`,
      );
    }

    const data: Prisma.ArticleUpdateInput = {};
    const set = <K extends "language" | "title" | "outlet" | "author" | "url">(field: K) => {
      if (a[field] !== null && a[field] !== existing[field]) data[field] = a[field];
    };
    set("language");
    set("title");
    set("outlet");
    set("author");
    set("url");
    if (a.publishedAt && a.publishedAt.getTime() !== existing.publishedAt?.getTime()) data.publishedAt = a.publishedAt;
    if (a.externalId && !existing.externalId) data.externalId = a.externalId;

    const existingSpans = this.lookups.spansByArticle.get(existing.id) ?? [];
    let plan: RevisionPlan | null = null;
    let revision = existing.revision;
    if (a.contentHash !== existing.contentHash) {
      const text = this.lookups.textById.get(existing.id);
      if (text === undefined) throw new Error(`text of article ${existing.id} was not loaded`);
      plan = planRevisionOfNormalized(
        { id: existing.id, text, contentHash: existing.contentHash, revision: existing.revision },
        existingSpans,
        a.text,
        a.contentHash,
      );
      revision = plan.toRevision;
    }
    // Existing spans where they will be after the revision, to recognise incoming duplicates.
    const after = new Map(plan?.spans.map((c) => [c.id, c.after]));
    const current = existingSpans.map((s) => ({ ...s, ...(after.get(s.id) ?? {}) }));
    const counts = this.planSpans(a, existing.id, existing.storyId, revision, current, writes);
    const storyTitleChanged = this.planStoryTitle(a, existing.storyId);

    const changed =
      plan ||
      Object.keys(data).length > 0 ||
      counts.spansCreated > 0 ||
      counts.entitiesCreated > 0 ||
      counts.claimsCreated > 0 ||
      storyTitleChanged;
    if (!changed) return { ...base, action: "skipped", ...counts, warnings };
    if (plan) {
      this.revisions.push({ plan, line: a.line });
      const summary = summarize(plan.spans, existingSpans);
      if (summary.orphaned.length) {
        warnings.push(
          `${summary.orphaned.length} span(s) could not be placed in the new text and are flagged for review: ${summary.orphaned
            .slice(0, 5)
            .map((o) => JSON.stringify(o.quote))
            .join(", ")}`,
        );
      }
      Object.assign(counts, {
        revision: {
          number: plan.toRevision,
          context: summary.context,
          nearest: summary.nearest,
          orphaned: summary.orphaned.length,
        },
      });
    }
    if (Object.keys(data).length) this.updates.push({ id: existing.id, data });
    this.touchedStories.add(existing.storyId);
    return { ...base, action: "updated", ...counts, warnings };
  }

  /** An explicit story_title that differs from an existing story's. */
  private planStoryTitle(a: PreparedArticle, storyId: string): boolean {
    if (!a.storyTitle) return false;
    const story = [...this.lookups.storiesByKey.values()].find((s) => s.id === storyId);
    if (!story || story.title === a.storyTitle || this.storyTitles.get(storyId) === a.storyTitle) return false;
    this.storyTitles.set(storyId, a.storyTitle);
    return true;
  }

  private storyFor(a: PreparedArticle, writes: ArticleWrites): { id: string } {
    const existing = this.lookups.storiesByKey.get(a.storyKey);
    if (existing) {
      this.planStoryTitle(a, existing.id);
      return existing;
    }
    const pending = this.newStories.get(a.storyKey);
    if (pending) {
      // A story created earlier in this batch takes the first explicit title.
      if (a.storyTitle && !pending.explicit)
        writes.stories.set(a.storyKey, { ...pending, title: a.storyTitle, explicit: true });
      return pending;
    }
    const story = {
      id: randomUUID(),
      key: a.storyKey,
      title: a.storyTitle ?? a.title ?? a.storyKey,
      explicit: a.storyTitle !== null,
    };
    writes.stories.set(a.storyKey, story);
    return story;
  }

  private planSpans(
    a: PreparedArticle,
    articleId: string,
    storyId: string,
    revision: number,
    existing: readonly ExistingSpan[],
    writes: ArticleWrites,
  ): { spansCreated: number; entitiesCreated: number; claimsCreated: number } {
    const existingIds = new Set(existing.map((s) => s.id));
    // Entities and claims the line defines are created even when no span uses them.
    for (const def of a.entities) this.entity(a, def.key, null, null, writes);
    // An entity first introduced by a span takes its label from the span: resolve
    // the line's spans before its claims, which may name it as their claimant.
    for (const s of a.spans) {
      if (s.entityKey && !(s.id && existingIds.has(s.id))) this.entity(a, s.entityKey, s, s.quote, writes);
    }
    for (const def of a.claims) this.claim(a, def.key, null, storyId, writes);

    const signatures = new Set(
      existing.map(
        (s) =>
          `${s.layer}:${s.layerOwnerId ?? ""}:${signature(s.start, s.end, s.kind, s.labelId, s.entityId, s.claimId)}`,
      ),
    );
    const users = this.lookups.usersByEmail;
    // Who the file names: their account here, else their e-mail as given; nobody named: the importer.
    const attribution = (email: string | null) => {
      if (!email) return { id: this.ctx.actor.id, email: null };
      const id = users.get(email.toLowerCase()) ?? null;
      return { id, email: id ? null : email };
    };
    const user = (email: string | null) => (email ? (users.get(email.toLowerCase()) ?? null) : null);
    let spansCreated = 0;
    for (const s of a.spans) {
      if (s.id) {
        if (existingIds.has(s.id)) continue;
        const owner = this.lookups.spanArticle.get(s.id);
        if (owner && owner !== articleId)
          throw new Rejection(`spans[${s.index}]: span id ${s.id} belongs to another article`);
      }
      const entity = s.entityKey ? this.entity(a, s.entityKey, s, s.quote, writes) : null;
      const claimId = s.claimKey ? this.claim(a, s.claimKey, s, storyId, writes) : null;
      const labelId = s.label?.id ?? entity?.labelId ?? null;
      if (s.kind === "ENTITY" && !labelId) {
        throw new Rejection(`spans[${s.index}]: an entity span needs a label (or an entity that has one)`);
      }
      const owner = s.annotator ? user(s.annotator) : null;
      if (s.annotator && !owner) {
        throw new Rejection(`spans[${s.index}]: annotator ${JSON.stringify(s.annotator)} is no account here`);
      }
      const sig = `${s.layer}:${owner ?? ""}:${signature(s.start, s.end, s.kind, labelId, entity?.id ?? null, claimId)}`;
      if (signatures.has(sig)) continue;
      signatures.add(sig);
      const id = s.id ?? randomUUID();
      const createdBy = attribution(s.createdBy);
      const updatedBy = attribution(s.updatedBy ?? s.createdBy);
      writes.spans.push({
        id,
        articleId,
        revision: s.orphaned ? (s.revision ?? Math.max(1, revision - 1)) : revision,
        start: s.start,
        end: s.end,
        quote: s.quote,
        prefix: s.prefix,
        suffix: s.suffix,
        kind: s.kind,
        labelId,
        entityId: entity?.id ?? null,
        claimId,
        reviewStatus: s.reviewStatus ?? "PENDING",
        orphaned: s.orphaned,
        source: s.source ?? "IMPORT",
        version: s.version ?? 1,
        createdById: createdBy.id,
        updatedById: updatedBy.id,
        createdByEmail: createdBy.email,
        updatedByEmail: updatedBy.email,
        createdAt: s.createdAt ?? this.now,
        updatedAt: s.updatedAt ?? s.createdAt ?? this.now,
        layer: s.layer,
        layerOwnerId: owner,
        proposedById: user(s.proposedBy),
        acceptedById: user(s.acceptedBy),
        sourceSpanId: s.sourceSpanId,
      });
      // A quote may begin or end with whitespace (a span from a tab); its alias never does.
      const alias = s.quote.trim();
      if (entity && !s.orphaned && alias) writes.aliases.push({ entityId: entity.id, language: a.language, alias });
      spansCreated++;
    }
    return { spansCreated, entitiesCreated: writes.entities.size, claimsCreated: writes.claims.size };
  }

  /** The entity a key names: existing, created earlier in this batch, or new (from its definition or the span). */
  private entity(
    a: PreparedArticle,
    key: string,
    span: PreparedSpan | null,
    quote: string | null,
    writes: ArticleWrites,
  ): { id: string; labelId: string } {
    const def: PreparedEntity | undefined = a.entities.find((e) => e.key === key);
    const { entitiesByKey, entitiesById } = this.lookups;
    const found = def?.keyIsId
      ? entitiesById.get(def.id!)
      : (entitiesByKey.get(key) ?? (UUID.test(key) ? entitiesById.get(key.toLowerCase()) : undefined));
    if (found) return found;
    const ref = def?.keyIsId ? `id:${def.id}` : `key:${key}`;
    const pending = writes.entities.get(ref) ?? this.newEntities.get(ref);
    if (pending) return pending;

    const label = def?.label ?? span?.label ?? null;
    if (!label) {
      throw new Rejection(
        `${span ? `spans[${span.index}]: ` : ""}entity ${JSON.stringify(key)} is new and has no label: give the span a label or define the entity in "entities"`,
      );
    }
    if (def?.id) {
      const taken = entitiesById.get(def.id);
      if (taken)
        throw new Rejection(`entity id ${def.id} already belongs to entity ${JSON.stringify(taken.key ?? taken.id)}`);
    }
    const row: EntityRow = {
      id: def?.id ?? randomUUID(),
      key: def?.keyIsId ? null : key,
      name: def?.name ?? (quote?.trim() || key),
      labelId: label.id,
      wikidataQid: def?.wikidataQid ?? null,
      description: def?.description ?? null,
    };
    writes.entities.set(ref, row);
    for (const alias of def?.aliases ?? []) writes.aliases.push({ entityId: row.id, ...alias });
    return row;
  }

  private claim(
    a: PreparedArticle,
    key: string,
    span: PreparedSpan | null,
    storyId: string,
    writes: ArticleWrites,
  ): string {
    const def: PreparedClaim | undefined = a.claims.find((c) => c.key === key);
    const { claimsByKey, claimsById } = this.lookups;
    const found = def?.keyIsId
      ? claimsById.get(def.id!)
      : (claimsByKey.get(key) ?? (UUID.test(key) ? claimsById.get(key.toLowerCase()) : undefined));
    if (found) return found.id;
    const ref = def?.keyIsId ? `id:${def.id}` : `key:${key}`;
    const pending = writes.claims.get(ref) ?? this.newClaims.get(ref);
    if (pending) return pending.id;
    if (def?.id && claimsById.has(def.id)) throw new Rejection(`claim id ${def.id} already belongs to another claim`);

    const claimantId = def?.claimantKey ? this.entity(a, def.claimantKey, null, null, writes).id : null;
    const row: ClaimRow = {
      id: def?.id ?? randomUUID(),
      key: def?.keyIsId ? null : key,
      storyId,
      statement: def?.statement ?? span?.quote ?? key,
      claimantId,
      claimDate: def?.claimDate ?? null,
      verdictId: def?.verdictId ?? null,
      note: def?.note ?? null,
      evidenceUrls: def?.evidenceUrls ?? [],
      // createMany would otherwise stamp both with now.
      ...(def?.createdAt && { createdAt: def.createdAt }),
      ...((def?.updatedAt ?? def?.createdAt) && { updatedAt: def.updatedAt ?? def.createdAt! }),
    };
    writes.claims.set(ref, row);
    return row.id;
  }

  private merge(writes: ArticleWrites): void {
    for (const [key, story] of writes.stories) this.newStories.set(key, story);
    for (const [ref, entity] of writes.entities) this.newEntities.set(ref, entity);
    for (const [ref, claim] of writes.claims) this.newClaims.set(ref, claim);
    this.aliases.push(...writes.aliases);
    this.spans.push(...writes.spans);
  }

  // ───────────────────────────── Writing ─────────────────────────────

  async apply(tx: Tx): Promise<void> {
    const { actor } = this.ctx;
    const now = utc(this.now);
    if (this.newStories.size) {
      const st = [...this.newStories.values()];
      await bulkInsert(tx, "Story", [
        { name: "id", type: "uuid", values: st.map((x) => x.id) },
        { name: "key", type: "text", values: st.map((x) => x.key) },
        { name: "title", type: "text", values: st.map((x) => x.title) },
        { name: "createdAt", type: "timestamp(3)", values: st.map(() => now) },
        { name: "updatedAt", type: "timestamp(3)", values: st.map(() => now) },
      ]);
    }
    for (const [id, title] of this.storyTitles) await tx.story.update({ where: { id }, data: { title } });
    if (this.newEntities.size) {
      const en = [...this.newEntities.values()];
      await bulkInsert(tx, "Entity", [
        { name: "id", type: "uuid", values: en.map((x) => x.id) },
        { name: "key", type: "text", values: en.map((x) => x.key) },
        { name: "name", type: "text", values: en.map((x) => x.name) },
        { name: "labelId", type: "uuid", values: en.map((x) => x.labelId) },
        { name: "wikidataQid", type: "text", values: en.map((x) => x.wikidataQid) },
        { name: "description", type: "text", values: en.map((x) => x.description) },
        { name: "createdAt", type: "timestamp(3)", values: en.map(() => now) },
        { name: "updatedAt", type: "timestamp(3)", values: en.map(() => now) },
      ]);
    }
    if (this.newClaims.size) await tx.claim.createMany({ data: [...this.newClaims.values()] });
    if (this.articles.length) {
      const a = this.articles;
      await bulkInsert(tx, "Article", [
        { name: "id", type: "uuid", values: a.map((x) => x.id) },
        { name: "storyId", type: "uuid", values: a.map((x) => x.storyId) },
        { name: "externalId", type: "text", values: a.map((x) => x.externalId) },
        { name: "language", type: "text", values: a.map((x) => x.language) },
        { name: "title", type: "text", values: a.map((x) => x.title) },
        { name: "outlet", type: "text", values: a.map((x) => x.outlet) },
        { name: "author", type: "text", values: a.map((x) => x.author) },
        { name: "url", type: "text", values: a.map((x) => x.url) },
        { name: "publishedAt", type: "date", values: a.map((x) => day(x.publishedAt)) },
        { name: "text", type: "text", values: a.map((x) => x.text) },
        { name: "length", type: "int", values: a.map((x) => x.length) },
        { name: "contentHash", type: "text", values: a.map((x) => x.contentHash) },
        { name: "revision", type: "int", values: a.map((x) => x.revision) },
        { name: "status", type: '"ArticleStatus"', values: a.map((x) => x.status) },
        { name: "createdAt", type: "timestamp(3)", values: a.map(() => now) },
        { name: "updatedAt", type: "timestamp(3)", values: a.map(() => now) },
      ]);
      await bulkInsert(tx, "ArticleRevision", [
        { name: "id", type: "uuid", values: a.map(() => randomUUID()) },
        { name: "articleId", type: "uuid", values: a.map((x) => x.id) },
        { name: "revision", type: "int", values: a.map((x) => x.revision) },
        { name: "text", type: "text", values: a.map((x) => x.text) },
        { name: "contentHash", type: "text", values: a.map((x) => x.contentHash) },
        { name: "createdAt", type: "timestamp(3)", values: a.map(() => now) },
        { name: "createdById", type: "uuid", values: a.map(() => actor.id) },
        { name: "note", type: "text", values: a.map((x) => `Imported (line ${x.line})`) },
      ]);
    }
    for (const { plan, line } of this.revisions) {
      await applyRevision(tx, plan, { actor, note: `Import (line ${line})`, at: this.now });
    }
    for (const { id, data } of this.updates) await tx.article.update({ where: { id }, data });
    if (this.spans.length) {
      const s = this.spans;
      await bulkInsert(tx, "Span", [
        { name: "id", type: "uuid", values: s.map((x) => x.id) },
        { name: "articleId", type: "uuid", values: s.map((x) => x.articleId) },
        { name: "revision", type: "int", values: s.map((x) => x.revision) },
        { name: "start", type: "int", values: s.map((x) => x.start) },
        { name: "end", type: "int", values: s.map((x) => x.end) },
        { name: "quote", type: "text", values: s.map((x) => x.quote) },
        { name: "prefix", type: "text", values: s.map((x) => x.prefix) },
        { name: "suffix", type: "text", values: s.map((x) => x.suffix) },
        { name: "kind", type: '"SpanKind"', values: s.map((x) => x.kind) },
        { name: "labelId", type: "uuid", values: s.map((x) => x.labelId) },
        { name: "entityId", type: "uuid", values: s.map((x) => x.entityId) },
        { name: "claimId", type: "uuid", values: s.map((x) => x.claimId) },
        { name: "reviewStatus", type: '"SpanReviewStatus"', values: s.map((x) => x.reviewStatus) },
        { name: "orphaned", type: "boolean", values: s.map((x) => x.orphaned) },
        { name: "source", type: '"SpanSource"', values: s.map((x) => x.source) },
        { name: "version", type: "int", values: s.map((x) => x.version) },
        { name: "createdById", type: "uuid", values: s.map((x) => x.createdById) },
        { name: "updatedById", type: "uuid", values: s.map((x) => x.updatedById) },
        { name: "createdByEmail", type: "text", values: s.map((x) => x.createdByEmail) },
        { name: "updatedByEmail", type: "text", values: s.map((x) => x.updatedByEmail) },
        { name: "createdAt", type: "timestamp(3)", values: s.map((x) => utc(x.createdAt)) },
        { name: "updatedAt", type: "timestamp(3)", values: s.map((x) => utc(x.updatedAt)) },
        { name: "layer", type: '"SpanLayer"', values: s.map((x) => x.layer) },
        { name: "layerOwnerId", type: "uuid", values: s.map((x) => x.layerOwnerId) },
        { name: "proposedById", type: "uuid", values: s.map((x) => x.proposedById) },
        { name: "acceptedById", type: "uuid", values: s.map((x) => x.acceptedById) },
        { name: "sourceSpanId", type: "uuid", values: s.map((x) => x.sourceSpanId) },
      ]);
      // An annotator's layer is read under an independent assignment: spans imported into
      // one assign the version to its annotator (unless they already have an assignment).
      const owned = new Map<string, { articleId: string; userId: string }>();
      for (const x of s)
        if (x.layerOwnerId)
          owned.set(`${x.articleId}:${x.layerOwnerId}`, { articleId: x.articleId, userId: x.layerOwnerId });
      if (owned.size) {
        await tx.assignment.createMany({
          data: [...owned.values()].map((o) => ({ ...o, mode: "INDEPENDENT" as const, assignedById: actor.id })),
          skipDuplicates: true,
        });
      }
      await bulkInsert(tx, "SpanRevision", [
        { name: "spanId", type: "uuid", values: s.map((x) => x.id) },
        { name: "version", type: "int", values: s.map((x) => x.version) },
        { name: "action", type: '"SpanAction"', values: s.map(() => "CREATE") },
        { name: "mutationId", type: "text", values: s.map((x) => `import:${x.id}`) },
        { name: "actorId", type: "uuid", values: s.map(() => actor.id) },
        { name: "at", type: "timestamp(3)", values: s.map(() => now) },
        { name: "after", type: "jsonb", values: s.map((x) => JSON.stringify(snapshot(x))) },
      ]);
    }
    if (this.aliases.length) {
      const al = this.aliases;
      await bulkInsert(
        tx,
        "EntityAlias",
        [
          { name: "id", type: "uuid", values: al.map(() => randomUUID()) },
          { name: "entityId", type: "uuid", values: al.map((x) => x.entityId) },
          { name: "language", type: "text", values: al.map((x) => x.language) },
          { name: "alias", type: "text", values: al.map((x) => x.alias) },
        ],
        { ignoreConflicts: true },
      );
    }
    const touched = [...this.touchedStories].filter((id) => ![...this.newStories.values()].some((s) => s.id === id));
    if (touched.length) await tx.story.updateMany({ where: { id: { in: touched } }, data: { updatedAt: this.now } });
  }
}

function signature(
  start: number,
  end: number,
  kind: string,
  labelId: string | null,
  entityId: string | null,
  claimId: string | null,
): string {
  return `${start}:${end}:${kind}:${labelId ?? ""}:${entityId ?? ""}:${claimId ?? ""}`;
}

function snapshot(s: SpanRow) {
  return {
    articleId: s.articleId,
    revision: s.revision,
    start: s.start,
    end: s.end,
    quote: s.quote,
    kind: s.kind,
    labelId: s.labelId ?? null,
    entityId: s.entityId ?? null,
    claimId: s.claimId ?? null,
    reviewStatus: s.reviewStatus ?? "PENDING",
    orphaned: s.orphaned ?? false,
    source: s.source ?? "IMPORT",
    layer: s.layer,
    ...(s.layerOwnerId && { layerOwnerId: s.layerOwnerId }),
  };
}
