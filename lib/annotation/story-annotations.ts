/**
 * The story sidebar: every entity and claim linked in a story's versions,
 * each with its spans per language, so an editor sees at a glance that
 * "Kina", "Chine", "China" and "中国" are one entity and jumps to any of them.
 */
import type { Db } from "../db";
import { visibleSpanWhere, type Viewer } from "../authz/layers";
import { notFound } from "../errors";
import { CLAIM_SELECT, ENTITY_SELECT, claimDTO, entityDTO, type ClaimDTO, type EntityDTO } from "./dto";

export interface StorySpanRef {
  articleId: string;
  language: string;
  spanId: string;
  start: number;
  end: number;
  quote: string;
}

export interface StoryAnnotations {
  entities: (EntityDTO & { spans: StorySpanRef[] })[];
  claims: (ClaimDTO & { spans: StorySpanRef[] })[];
}

/** The story's entities and claims with the spans `viewer` sees (lib/authz/layers.ts). */
export async function storyAnnotations(
  db: Db,
  storyId: string,
  viewer: Viewer | null = null,
): Promise<StoryAnnotations> {
  const story = await db.story.findUnique({
    where: { id: storyId },
    select: { articles: { select: { id: true, language: true }, orderBy: [{ language: "asc" }, { id: "asc" }] } },
  });
  if (!story) throw notFound("The story");
  const articleOrder = new Map(story.articles.map((a, i) => [a.id, i]));
  const language = new Map(story.articles.map((a) => [a.id, a.language]));

  const spans = await db.span.findMany({
    where: {
      deletedAt: null,
      articleId: { in: story.articles.map((a) => a.id) },
      AND: [{ OR: [{ entityId: { not: null } }, { claimId: { not: null } }] }, visibleSpanWhere(viewer)],
    },
    select: { id: true, articleId: true, start: true, end: true, quote: true, entityId: true, claimId: true },
  });
  spans.sort((a, b) => articleOrder.get(a.articleId)! - articleOrder.get(b.articleId)! || a.start - b.start);

  const byEntity = new Map<string, StorySpanRef[]>();
  const byClaim = new Map<string, StorySpanRef[]>();
  for (const s of spans) {
    const ref = {
      articleId: s.articleId,
      language: language.get(s.articleId)!,
      spanId: s.id,
      start: s.start,
      end: s.end,
      quote: s.quote,
    };
    if (s.entityId) byEntity.set(s.entityId, [...(byEntity.get(s.entityId) ?? []), ref]);
    if (s.claimId) byClaim.set(s.claimId, [...(byClaim.get(s.claimId) ?? []), ref]);
  }

  const [entities, claims] = await Promise.all([
    db.entity.findMany({ where: { id: { in: [...byEntity.keys()] } }, select: ENTITY_SELECT }),
    // A claim attached to the story shows even before anyone has marked where it is stated.
    db.claim.findMany({ where: { OR: [{ id: { in: [...byClaim.keys()] } }, { storyId }] }, select: CLAIM_SELECT }),
  ]);

  // Most mentioned entities first; claims in the order the story states them.
  const firstSeen = (refs: StorySpanRef[] | undefined) =>
    refs?.length ? spans.findIndex((s) => s.id === refs[0]!.spanId) : Infinity;
  return {
    entities: entities
      .map((e) => ({ ...entityDTO(e), spans: byEntity.get(e.id) ?? [] }))
      .sort((a, b) => b.spans.length - a.spans.length || a.name.localeCompare(b.name)),
    claims: claims
      .map((c) => ({ ...claimDTO(c), spans: byClaim.get(c.id) ?? [] }))
      .sort((a, b) => firstSeen(a.spans) - firstSeen(b.spans) || a.createdAt.localeCompare(b.createdAt)),
  };
}
