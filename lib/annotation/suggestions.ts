/**
 * Suggestions after linking: the entity's other mentions in every version of
 * the story (lib/suggestions/ has the matching rules), minus what spans of
 * the entity already cover and what this editor has rejected. Patterns are
 * the entity's name, its aliases, and the quotes of its spans in the story
 * (so linking "Chine" once finds the other "Chine"s even before it is an
 * alias). Accepting is an ordinary create mutation with source SUGGESTION,
 * which also records the quote as an alias (lib/annotation/spans.ts).
 */
import type { Db } from "../db";
import { visibleSpanWhere } from "../authz/layers";
import { AppError, notFound } from "../errors";
import { SizedLru } from "../cache/sized-lru";
import { PreparedArticle, findMentions, type MentionReason } from "../suggestions/mentions";
import type { SuggestionRejectionInput } from "./schemas";

export interface Suggestion {
  /** Stable for one mention of one entity in one article revision. */
  id: string;
  articleId: string;
  language: string;
  /** The article revision the offsets refer to. */
  revision: number;
  start: number;
  end: number;
  quote: string;
  entityId: string;
  reason: MentionReason;
  /** An unlinked entity span on exactly this range: accept by linking it instead of creating one. */
  spanId?: string;
}

// Folded texts per article revision, reused while an editor links entity after entity.
const prepared = new SizedLru<PreparedArticle>(8_000_000);

function preparedArticle(a: { id: string; language: string; text: string; contentHash: string }) {
  const key = `${a.id}:${a.contentHash}:${a.language}`;
  let p = prepared.get(key);
  if (!p) {
    p = new PreparedArticle({ id: a.id, language: a.language, text: a.text });
    prepared.set(key, p, a.text.length);
  }
  return p;
}

export async function storySuggestions(
  db: Db,
  user: { id: string },
  storyId: string,
  entityId: string,
): Promise<Suggestion[]> {
  const [story, entity] = await Promise.all([
    db.story.findUnique({
      where: { id: storyId },
      select: {
        articles: {
          select: { id: true, language: true, text: true, revision: true, contentHash: true },
          orderBy: [{ language: "asc" }, { id: "asc" }],
        },
      },
    }),
    db.entity.findUnique({ where: { id: entityId }, select: { name: true, aliases: { select: { alias: true } } } }),
  ]);
  if (!story) throw notFound("The story");
  if (!entity) throw notFound("The entity");
  const articleIds = story.articles.map((a) => a.id);

  const [spans, rejections] = await Promise.all([
    db.span.findMany({
      where: { articleId: { in: articleIds }, deletedAt: null, kind: "ENTITY", ...visibleSpanWhere(user) },
      select: { id: true, articleId: true, start: true, end: true, quote: true, entityId: true },
    }),
    db.suggestionRejection.findMany({
      where: { userId: user.id, storyId, entityId },
      select: { articleId: true, revision: true, start: true, end: true },
    }),
  ]);
  const own = spans.filter((s) => s.entityId === entityId);
  const mentions = findMentions(
    story.articles.map(preparedArticle),
    { name: entity.name, aliases: [...entity.aliases.map((a) => a.alias), ...own.map((s) => s.quote)] },
    own,
  );

  const revision = new Map(story.articles.map((a) => [a.id, a.revision]));
  const rejected = new Set(rejections.map((r) => `${r.articleId}:${r.revision}:${r.start}:${r.end}`));
  const exactSpan = new Map(spans.map((s) => [`${s.articleId}:${s.start}:${s.end}`, s]));
  const out: Suggestion[] = [];
  for (const m of mentions) {
    const rev = revision.get(m.articleId)!;
    if (rejected.has(`${m.articleId}:${rev}:${m.start}:${m.end}`)) continue;
    const there = exactSpan.get(`${m.articleId}:${m.start}:${m.end}`);
    // A mention already linked to another entity is that entity's, not a suggestion.
    if (there?.entityId) continue;
    out.push({
      id: `${entityId}:${m.articleId}:${rev}:${m.start}-${m.end}`,
      articleId: m.articleId,
      language: m.language,
      revision: rev,
      start: m.start,
      end: m.end,
      quote: m.quote,
      entityId,
      reason: m.reason,
      ...(there ? { spanId: there.id } : {}),
    });
  }
  return out;
}

/** Records that `user` does not want this suggestion (idempotent). */
export async function rejectSuggestion(
  db: Db,
  user: { id: string },
  storyId: string,
  input: SuggestionRejectionInput,
): Promise<void> {
  const article = await db.article.findUnique({
    where: { id: input.articleId },
    select: { storyId: true, revision: true, length: true },
  });
  if (!article || article.storyId !== storyId) throw notFound("The article");
  if (!(await db.entity.findUnique({ where: { id: input.entityId }, select: { id: true } }))) {
    throw notFound("The entity");
  }
  if (input.end <= input.start || input.end > article.length) {
    throw new AppError("OUT_OF_RANGE", `[${input.start}, ${input.end}) is not a range of the article.`, 400);
  }
  const key = {
    userId: user.id,
    entityId: input.entityId,
    articleId: input.articleId,
    revision: article.revision,
    start: input.start,
    end: input.end,
  };
  await db.suggestionRejection.upsert({
    where: { userId_entityId_articleId_revision_start_end: key },
    update: {},
    create: { ...key, storyId, quote: input.quote },
  });
}

/** Takes a rejection back (the undo of a reject). */
export async function unrejectSuggestion(
  db: Db,
  user: { id: string },
  storyId: string,
  input: Pick<SuggestionRejectionInput, "entityId" | "articleId" | "start" | "end">,
): Promise<void> {
  await db.suggestionRejection.deleteMany({
    where: {
      userId: user.id,
      storyId,
      entityId: input.entityId,
      articleId: input.articleId,
      start: input.start,
      end: input.end,
    },
  });
}

/** For tests. */
export function clearSuggestionCache(): void {
  prepared.clear();
}
