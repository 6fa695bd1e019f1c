/**
 * What a client receives for each change: the change-log row and, for spans,
 * entities, claims, articles and the story, the thing as it is now (so a client paints it without
 * asking again). Built once per change per process and shared by every
 * stream of the story; `visibility.ts` then decides per reader.
 *
 * "As it is now" rather than as it was: a client applies events by version
 * (an older state never overwrites a newer one), so replaying a span's
 * creation after it was deleted just shows it deleted.
 */
import type { Db } from "../db";
import {
  CLAIM_SELECT,
  ENTITY_SELECT,
  claimDTO,
  entityDTO,
  spanDTO,
  type ClaimDTO,
  type EntityDTO,
  type SpanDTO,
} from "../annotation/dto";
import type { ChangeKind, ChangeRow } from "./feed";

export interface StoryEvent {
  /** The change's cursor: the SSE event id. */
  cursor: number;
  kind: ChangeKind;
  storyId: string;
  articleId: string | null;
  /** The span, entity, claim, alignment, article or story changed. */
  subjectId: string;
  /** Who made it, when known (span writes and alignment corrections). */
  actorId: string | null;
  /** The span's version or the article's revision after the change. */
  version: number | null;
  at: string;
  /** span.*: the span now (deletedAt set when deleted). */
  span?: SpanDTO;
  /** span.*: the annotation layer the span is in (who may see it: lib/authz/layers.ts). */
  spanLayer?: { layer: string; ownerId: string | null };
  /** entity.updated, and span.* linking an entity: the entity now. */
  entity?: EntityDTO;
  /** claim.*, and span.* stating a claim: the claim now (absent once deleted). */
  claim?: ClaimDTO;
  /** article.*: the article's title and revision now (absent once deleted). */
  article?: ArticleRef;
  /** story.renamed: the story's title now. */
  story?: { id: string; title: string };
}

export interface ArticleRef {
  id: string;
  language: string;
  title: string | null;
  revision: number;
}

export async function hydrateChanges(db: Db, rows: readonly ChangeRow[]): Promise<StoryEvent[]> {
  if (!rows.length) return [];
  const spanIds = new Set<string>();
  const entityIds = new Set<string>();
  const claimIds = new Set<string>();
  const articleIds = new Set<string>();
  const storyIds = new Set<string>();
  for (const r of rows) {
    if (r.kind.startsWith("span.")) spanIds.add(r.subjectId);
    else if (r.kind.startsWith("entity.")) entityIds.add(r.subjectId);
    else if (r.kind.startsWith("claim.")) claimIds.add(r.subjectId);
    else if (r.kind.startsWith("article.")) articleIds.add(r.subjectId);
    else if (r.kind === "story.renamed") storyIds.add(r.subjectId);
  }
  // Two round trips on the hot path: the spans, then everything they and the other changes name.
  const spanRows = spanIds.size ? await db.span.findMany({ where: { id: { in: [...spanIds] } } }) : [];
  const userIds = new Set<string>();
  for (const s of spanRows) {
    if (s.createdById) userIds.add(s.createdById);
    if (s.updatedById) userIds.add(s.updatedById);
    if (s.entityId) entityIds.add(s.entityId);
    if (s.claimId) claimIds.add(s.claimId);
  }
  const [userRows, entityRows, claimRows, articleRows, storyRows] = await Promise.all([
    userIds.size ? db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }) : [],
    entityIds.size ? db.entity.findMany({ where: { id: { in: [...entityIds] } }, select: ENTITY_SELECT }) : [],
    claimIds.size ? db.claim.findMany({ where: { id: { in: [...claimIds] } }, select: CLAIM_SELECT }) : [],
    articleIds.size
      ? db.article.findMany({
          where: { id: { in: [...articleIds] } },
          select: { id: true, language: true, title: true, revision: true },
        })
      : [],
    storyIds.size ? db.story.findMany({ where: { id: { in: [...storyIds] } }, select: { id: true, title: true } }) : [],
  ]);
  const users = new Map(userRows.map((u) => [u.id, u]));
  const userOf = (id: string | null) => (id ? (users.get(id) ?? null) : null);
  const spans = new Map(spanRows.map((s) => [s.id, spanDTO(s, userOf(s.createdById), userOf(s.updatedById))]));
  const layers = new Map(spanRows.map((s) => [s.id, { layer: s.layer as string, ownerId: s.layerOwnerId }]));
  const entities = new Map(entityRows.map((e) => [e.id, entityDTO(e)]));
  const claims = new Map(claimRows.map((c) => [c.id, claimDTO(c)]));
  const articles = new Map(articleRows.map((a) => [a.id, a]));
  const stories = new Map(storyRows.map((s) => [s.id, s]));

  return rows.map((r) => {
    const event: StoryEvent = {
      cursor: r.id,
      kind: r.kind,
      storyId: r.storyId,
      articleId: r.articleId,
      subjectId: r.subjectId,
      actorId: r.actorId,
      version: r.version,
      at: r.at.toISOString(),
    };
    if (r.kind.startsWith("span.")) {
      const span = spans.get(r.subjectId);
      if (span) {
        event.span = span;
        event.spanLayer = layers.get(r.subjectId);
        if (span.entityId && entities.has(span.entityId)) event.entity = entities.get(span.entityId);
        if (span.claimId && claims.has(span.claimId)) event.claim = claims.get(span.claimId);
      }
    } else if (r.kind.startsWith("entity.")) {
      const entity = entities.get(r.subjectId);
      if (entity) event.entity = entity;
    } else if (r.kind.startsWith("claim.")) {
      const claim = claims.get(r.subjectId);
      if (claim) event.claim = claim;
    } else if (r.kind.startsWith("article.")) {
      const article = articles.get(r.subjectId);
      if (article) event.article = article;
    } else if (r.kind === "story.renamed") {
      const story = stories.get(r.subjectId);
      if (story) event.story = story;
    }
    return event;
  });
}
