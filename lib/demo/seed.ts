/**
 * Seeds the label taxonomy, the verdict scale and the demo newsroom.
 * Idempotent: everything is keyed (story key, article external id, entity and
 * claim keys, span ids derived from them), and existing rows are left as they
 * are, so running it again adds nothing and undoes no one's edits.
 */
import type { Db } from "../db";
import { stableUuid } from "../ids";
import { prepareText } from "../articles/prepare";
import { OffsetIndex } from "../text/code-points";
import { findQuote } from "../text/quote";
import { DEFAULT_LABELS, DEFAULT_VERDICTS } from "../taxonomy/defaults";
import { DEMO_ARTICLES, DEMO_CLAIMS, DEMO_ENTITIES, DEMO_STORY } from "./newsroom";

export async function seedTaxonomy(db: Db): Promise<void> {
  for (const [order, label] of DEFAULT_LABELS.entries()) {
    await db.label.upsert({ where: { key: label.key }, update: {}, create: { ...label, order } });
  }
  for (const [order, verdict] of DEFAULT_VERDICTS.entries()) {
    await db.verdictRating.upsert({ where: { key: verdict.key }, update: {}, create: { ...verdict, order } });
  }
}

export interface SeedReport {
  storyCreated: boolean;
  articlesCreated: number;
  spansCreated: number;
}

export async function seedDemoNewsroom(db: Db): Promise<SeedReport> {
  await seedTaxonomy(db);
  const existingStory = await db.story.findUnique({ where: { key: DEMO_STORY.key } });
  const story = existingStory ?? (await db.story.create({ data: DEMO_STORY }));

  let articlesCreated = 0;
  const articleIds = new Map<string, { id: string; index: OffsetIndex; revision: number }>();
  for (const demo of DEMO_ARTICLES) {
    const prepared = prepareText(demo.paragraphs.join("\n\n"));
    let article = await db.article.findUnique({ where: { externalId: demo.externalId } });
    if (!article) {
      article = await db.article.create({
        data: {
          storyId: story.id,
          externalId: demo.externalId,
          language: demo.language,
          title: demo.title,
          outlet: demo.outlet,
          author: demo.author,
          url: demo.url,
          publishedAt: new Date(`${demo.published}T00:00:00Z`),
          text: prepared.text,
          length: prepared.length,
          contentHash: prepared.contentHash,
          status: "IN_PROGRESS",
          revisions: {
            create: { revision: 1, text: prepared.text, contentHash: prepared.contentHash, note: "Demo data" },
          },
        },
      });
      articlesCreated++;
    }
    articleIds.set(demo.language, { id: article.id, index: new OffsetIndex(article.text), revision: article.revision });
  }

  const labels = new Map((await db.label.findMany()).map((l) => [l.key, l]));
  const verdicts = new Map((await db.verdictRating.findMany()).map((v) => [v.key, v]));
  const entityIds = new Map<string, string>();
  for (const e of DEMO_ENTITIES) {
    const label = labels.get(e.label);
    if (!label) throw new Error(`Demo entity ${e.key} needs label ${e.label}`);
    const entity = await db.entity.upsert({
      where: { key: e.key },
      update: {},
      create: {
        key: e.key,
        name: e.name,
        labelId: label.id,
        wikidataQid: e.wikidataQid ?? null,
        aliases: { create: Object.entries(e.mentions).map(([language, alias]) => ({ language, alias })) },
      },
    });
    entityIds.set(e.key, entity.id);
  }

  const claimIds = new Map<string, string>();
  for (const c of DEMO_CLAIMS) {
    const claim = await db.claim.upsert({
      where: { key: c.key },
      update: {},
      create: {
        key: c.key,
        storyId: story.id,
        statement: c.statement,
        claimantId: c.claimant ? (entityIds.get(c.claimant) ?? null) : null,
        claimDate: c.claimDate ? new Date(`${c.claimDate}T00:00:00Z`) : null,
        verdictId: c.verdict ? (verdicts.get(c.verdict)?.id ?? null) : null,
        note: c.note ?? null,
        evidenceUrls: c.evidenceUrls ?? [],
      },
    });
    claimIds.set(c.key, claim.id);
  }

  const claimLabel = labels.get("CLAIM");
  const spans = [];
  const mentions = [
    ...DEMO_ENTITIES.flatMap((e) =>
      Object.entries(e.mentions).map(([language, quote]) => ({
        language,
        quote,
        key: `entity:${e.key}`,
        kind: "ENTITY" as const,
        labelId: labels.get(e.label)!.id,
        entityId: entityIds.get(e.key)!,
        claimId: null,
      })),
    ),
    ...DEMO_CLAIMS.flatMap((c) =>
      Object.entries(c.mentions).map(([language, quote]) => ({
        language,
        quote,
        key: `claim:${c.key}`,
        kind: "CLAIM" as const,
        labelId: claimLabel?.id ?? null,
        entityId: null,
        claimId: claimIds.get(c.key)!,
      })),
    ),
  ];
  for (const m of mentions) {
    const article = articleIds.get(m.language);
    if (!article) continue;
    const selector = findQuote(article.index, m.quote);
    if (!selector) throw new Error(`Demo quote not found in ${m.language}: ${m.quote}`);
    spans.push({
      id: stableUuid(`demo-span:${m.language}:${m.key}`),
      articleId: article.id,
      revision: article.revision,
      ...selector,
      kind: m.kind,
      labelId: m.labelId,
      entityId: m.entityId,
      claimId: m.claimId,
      reviewStatus: "APPROVED" as const,
      source: "IMPORT" as const,
    });
  }
  const { count } = await db.span.createMany({ data: spans, skipDuplicates: true });
  // Keyed by mutationId, so a re-run adds no second history entry.
  await db.spanRevision.createMany({
    data: spans.map((s) => ({
      spanId: s.id,
      version: 1,
      action: "CREATE" as const,
      mutationId: `seed:${s.id}`,
      after: { ...s },
    })),
    skipDuplicates: true,
  });
  return { storyCreated: !existingStory, articlesCreated, spansCreated: count };
}
