/**
 * What an import batch needs to know about the database, read with a
 * handful of queries (none per article): the articles the lines may name
 * (by id, external id, or same text in the same story), their spans and,
 * where the text changed, their current text; the stories, entities,
 * claims, spans and accounts the lines refer to.
 */
import type { Db, Prisma } from "../db";
import { spanStateSelect, type SpanState } from "../revisions/revise";
import type { PreparedArticle } from "./prepare";

/** A Parallax id (the key of an entity or claim may be one). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const existingArticleSelect = {
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

export type ExistingArticle = Prisma.ArticleGetPayload<{ select: typeof existingArticleSelect }>;
export type ExistingSpan = SpanState & {
  articleId: string;
  layer: "SHARED" | "ANNOTATOR" | "CURATED";
  layerOwnerId: string | null;
  kind: "ENTITY" | "CLAIM";
  labelId: string | null;
  entityId: string | null;
  claimId: string | null;
};
export interface ExistingEntity {
  id: string;
  key: string | null;
  labelId: string;
}
export interface ExistingClaim {
  id: string;
  key: string | null;
}

export interface Lookups {
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

export async function lookUp(db: Db, articles: readonly PreparedArticle[]): Promise<Lookups> {
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

export function matchById(
  a: PreparedArticle,
  byId: Map<string, ExistingArticle>,
  byExternalId: Map<string, ExistingArticle>,
): ExistingArticle | undefined {
  return (a.id ? byId.get(a.id) : undefined) ?? (a.externalId ? byExternalId.get(a.externalId) : undefined);
}

export function unique(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v !== ""))];
}
