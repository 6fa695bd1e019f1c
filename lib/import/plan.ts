/**
 * The import planner: from prepared articles and what exists (lookups.ts),
 * decides per article whether it is imported, updated, skipped or rejected,
 * and collects the rows the batch writes (apply.ts). Pure: it reads no
 * database and writes nothing, so a batch can be planned, reported (a dry
 * run) and tested without one.
 *
 * Identity, in order: the line's `id` (a Parallax export), its `external_id`,
 * else the same text (content hash) in the same story. A known article is
 * updated — fields given replace stored ones, new text becomes a revision
 * (spans carried over), new spans are added — or skipped when nothing
 * differs. Spans already present (same id, or same offsets, kind, label,
 * entity and claim, deleted ones included) are never added twice.
 */
import { randomUUID } from "node:crypto";
import type { NewSpan } from "../annotation/dto";
import type { Prisma } from "../db";
import { planRevisionOfNormalized, summarize, type RevisionPlan } from "../revisions/revise";
import { UUID, type ExistingArticle, type ExistingSpan, type Lookups } from "./lookups";
import type { ArticleStatusValue, PreparedArticle, PreparedClaim, PreparedEntity, PreparedSpan } from "./prepare";

export interface ImportActor {
  /** The user doing the import (recorded on spans and revisions), or null for system work. */
  id: string | null;
}

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

/** Why an article is rejected (the batch goes on without it). */
class Rejection extends Error {}

/** A span row to insert: the columns every span has, its layer, review state and provenance. */
export type SpanRow = Required<NewSpan> & {
  reviewStatus: "PENDING" | "APPROVED" | "REJECTED";
  orphaned: boolean;
  version: number;
  createdById: string | null;
  updatedById: string | null;
  /** The file's e-mail when no account here has it. */
  createdByEmail: string | null;
  updatedByEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
  proposedById: string | null;
  acceptedById: string | null;
  sourceSpanId: string | null;
};
/** A new article row: the line's fields as prepared, with its id, story, revision and status settled. */
export type ArticleRow = Pick<
  PreparedArticle,
  | "line"
  | "externalId"
  | "language"
  | "title"
  | "outlet"
  | "author"
  | "url"
  | "publishedAt"
  | "text"
  | "length"
  | "contentHash"
> & { id: string; storyId: string; revision: number; status: ArticleStatusValue };
export interface EntityRow {
  id: string;
  key: string | null;
  name: string;
  labelId: string;
  wikidataQid: string | null;
  description: string | null;
}
export type ClaimRow = Prisma.ClaimCreateManyInput & { id: string };
export interface AliasRow {
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

/**
 * A batch being planned: `add` each article in order (a later line sees what
 * an earlier one creates), then read the outcomes and the rows to write.
 */
export class BatchPlan {
  readonly outcomes: ArticleOutcome[] = [];
  readonly newStories = new Map<string, { id: string; key: string; title: string; explicit: boolean }>();
  readonly storyTitles = new Map<string, string>();
  readonly touchedStories = new Set<string>();
  readonly newEntities = new Map<string, EntityRow>();
  readonly newClaims = new Map<string, ClaimRow>();
  readonly aliases: AliasRow[] = [];
  readonly articles: ArticleRow[] = [];
  readonly revisions: { plan: RevisionPlan; line: number }[] = [];
  readonly updates: { id: string; data: Prisma.ArticleUpdateInput }[] = [];
  readonly spans: SpanRow[] = [];

  /**
   * `actorId`: who the import is attributed to where the file names nobody;
   * `now`: the time new rows are stamped with.
   */
  constructor(
    private readonly lookups: Lookups,
    private readonly actorId: string | null,
    readonly now = new Date(),
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
      if (!email) return { id: this.actorId, email: null };
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
}

/** What makes two spans the same (besides their layer and owner). */
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
