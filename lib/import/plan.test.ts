/**
 * The import planner on its own: lines and what exists in, outcomes and rows
 * out, with no database.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_LABELS, DEFAULT_VERDICTS } from "../taxonomy/defaults";
import { contentHash } from "../text/hash";
import { parseLine } from "./jsonl";
import type { ExistingArticle, Lookups } from "./lookups";
import { BatchPlan } from "./plan";
import { prepareArticle, type PreparedArticle } from "./prepare";
import type { Taxonomy } from "./taxonomy";

const labels = DEFAULT_LABELS.map((l) => ({ id: `label-${l.key}`, key: l.key, kind: l.kind }));
const taxonomy: Taxonomy = {
  labels: new Map(labels.map((l) => [l.key, l])),
  verdicts: new Map(DEFAULT_VERDICTS.map((v) => [v.key, { id: `verdict-${v.key}`, key: v.key }])),
  defaultClaimLabel: labels.find((l) => l.kind === "CLAIM")!,
};
const ORG = labels.find((l) => l.kind === "ENTITY")!.key;

function prepare(line: object, n = 1): PreparedArticle {
  const parsed = parseLine(JSON.stringify(line));
  if (!parsed.ok) throw new Error(parsed.reason);
  const prepared = prepareArticle(n, parsed.value, { taxonomy });
  if (!prepared.ok) throw new Error(prepared.reason);
  return prepared.article;
}

function lookups(over: Partial<Lookups> = {}): Lookups {
  return {
    articlesById: new Map(),
    articlesByExternalId: new Map(),
    articlesByStoryHash: new Map(),
    storiesByKey: new Map(),
    entitiesByKey: new Map(),
    entitiesById: new Map(),
    claimsByKey: new Map(),
    claimsById: new Map(),
    spansByArticle: new Map(),
    textById: new Map(),
    spanArticle: new Map(),
    usersByEmail: new Map(),
    ...over,
  };
}

const plan = (articles: PreparedArticle[], found = lookups(), actorId: string | null = "importer") => {
  const batch = new BatchPlan(found, actorId, new Date("2026-01-02T03:04:05Z"));
  for (const a of articles) batch.add(a);
  return batch;
};

/** The stored article "a1" of story "talks" (story-1), with text of this hash. */
const existingArticle = (hash: string): ExistingArticle => ({
  id: "article-1",
  storyId: "story-1",
  externalId: "a1",
  language: "en",
  title: null,
  outlet: null,
  author: null,
  url: null,
  publishedAt: null,
  contentHash: hash,
  revision: 1,
});

const TEXT = "Kestrel University met the ministry in Geneva.";
const span = (text: string, extra: object = {}) => {
  const start = [...TEXT.slice(0, TEXT.indexOf(text))].length;
  return { start, end: start + [...text].length, text, kind: "entity", label: ORG, ...extra };
};

describe("BatchPlan", () => {
  it("plans a new article with its story, entity, span and alias", () => {
    const batch = plan([
      prepare({
        external_id: "a1",
        story: "talks",
        language: "en",
        text: TEXT,
        spans: [span("Kestrel University", { entity: "kestrel" })],
      }),
    ]);
    expect(batch.outcomes).toEqual([
      expect.objectContaining({ line: 1, action: "imported", spansCreated: 1, entitiesCreated: 1, claimsCreated: 0 }),
    ]);
    expect([...batch.newStories.values()]).toEqual([expect.objectContaining({ key: "talks" })]);
    expect([...batch.newEntities.values()]).toEqual([
      expect.objectContaining({ key: "kestrel", name: "Kestrel University", labelId: `label-${ORG}` }),
    ]);
    expect(batch.articles).toEqual([expect.objectContaining({ externalId: "a1", revision: 1, status: "NEW" })]);
    expect(batch.spans).toEqual([
      expect.objectContaining({
        start: 0,
        end: 18,
        quote: "Kestrel University",
        createdById: "importer",
        source: "IMPORT",
      }),
    ]);
    expect(batch.aliases).toEqual([
      { entityId: batch.spans[0]!.entityId, language: "en", alias: "Kestrel University" },
    ]);
    expect(batch.now.toISOString()).toBe("2026-01-02T03:04:05.000Z");
  });

  it("does not add a span the article already has (same place, kind, label and entity)", () => {
    const line = prepare({
      external_id: "a1",
      story: "talks",
      language: "en",
      text: TEXT,
      spans: [span("Geneva", { entity: "geneva" }), span("Kestrel University", { entity: "geneva" })],
    });
    const geneva = { id: "entity-geneva", key: "geneva", labelId: `label-${ORG}` };
    const [start, end] = [39, 45];
    const found = lookups({
      articlesByExternalId: new Map([["a1", existingArticle(line.contentHash)]]),
      storiesByKey: new Map([["talks", { id: "story-1", key: "talks", title: "Talks" }]]),
      entitiesByKey: new Map([["geneva", geneva]]),
      spansByArticle: new Map([
        [
          "article-1",
          [
            {
              id: "span-1",
              articleId: "article-1",
              start,
              end,
              quote: "Geneva",
              prefix: "",
              suffix: "",
              revision: 1,
              orphaned: false,
              version: 2,
              layer: "SHARED",
              layerOwnerId: null,
              kind: "ENTITY",
              labelId: geneva.labelId,
              entityId: geneva.id,
              claimId: null,
            },
          ],
        ],
      ]),
    });
    const batch = plan([line], found);
    expect(batch.outcomes[0]).toMatchObject({ action: "updated", spansCreated: 1, entitiesCreated: 0 });
    expect(batch.spans.map((s) => s.quote)).toEqual(["Kestrel University"]);
  });

  it("lets a claim name as claimant an entity that a span on the same line introduces", () => {
    const batch = plan([
      prepare({
        story: "talks",
        language: "en",
        text: TEXT,
        spans: [span("the ministry", { entity: "ministry" })],
        claims: [{ key: "met", statement: "Kestrel met the ministry", claimant: "ministry" }],
      }),
    ]);
    expect(batch.outcomes[0]).toMatchObject({ action: "imported", entitiesCreated: 1, claimsCreated: 1 });
    const [entity] = [...batch.newEntities.values()];
    expect([...batch.newClaims.values()]).toEqual([expect.objectContaining({ key: "met", claimantId: entity!.id })]);
  });

  it("rejects one bad line and keeps its rows out; the next line is planned", () => {
    const batch = plan([
      prepare(
        { story: "talks", language: "en", text: TEXT, spans: [span("Geneva", { label: null, entity: "geneva" })] },
        1,
      ),
      prepare({ story: "talks", language: "en", text: `${TEXT} Again.`, spans: [] }, 2),
    ]);
    expect(batch.outcomes).toEqual([
      { line: 1, action: "rejected", reason: expect.stringMatching(/entity "geneva" is new and has no label/) },
      expect.objectContaining({ line: 2, action: "imported" }),
    ]);
    expect(batch.newEntities.size).toBe(0);
    expect(batch.spans).toHaveLength(0);
    expect(batch.articles.map((a) => a.line)).toEqual([2]);
  });

  it("reuses what an earlier line of the batch created: one story, one entity", () => {
    const line = (n: number, text: string) =>
      prepare(
        {
          story: "talks",
          language: n === 1 ? "en" : "sv",
          text,
          spans: [{ start: 0, end: 7, text: text.slice(0, 7), kind: "entity", label: ORG, entity: "kestrel" }],
        },
        n,
      );
    const batch = plan([line(1, TEXT), line(2, "Kestrel universitet")]);
    expect(batch.outcomes.map((o) => o.action)).toEqual(["imported", "imported"]);
    expect(batch.newStories.size).toBe(1);
    expect(batch.newEntities.size).toBe(1);
    expect(new Set(batch.spans.map((s) => s.entityId)).size).toBe(1);
  });

  it("keeps the e-mail of an annotator with no account here, and links one that has", () => {
    const batch = plan(
      [
        prepare({
          story: "talks",
          language: "en",
          text: TEXT,
          spans: [
            span("Kestrel University", { created_by: "Gone@Example.org" }),
            span("Geneva", { created_by: "here@example.org" }),
          ],
        }),
      ],
      lookups({ usersByEmail: new Map([["here@example.org", "user-here"]]) }),
    );
    expect(batch.spans.map((s) => [s.createdById, s.createdByEmail])).toEqual([
      [null, "Gone@Example.org"],
      ["user-here", null],
    ]);
  });

  it("skips a line whose article exists with the same text and nothing new", () => {
    const line = prepare({ external_id: "a1", story: "talks", language: "en", text: TEXT });
    const existing = existingArticle(line.contentHash);
    const found = lookups({
      articlesByExternalId: new Map([["a1", existing]]),
      storiesByKey: new Map([["talks", { id: "story-1", key: "talks", title: "Talks" }]]),
    });
    const batch = plan([line], found);
    expect(batch.outcomes).toEqual([expect.objectContaining({ action: "skipped", articleId: "article-1" })]);
    expect(batch.articles).toEqual([]);
    expect(batch.updates).toEqual([]);

    const retitled = plan(
      [prepare({ external_id: "a1", story: "talks", language: "en", text: TEXT, title: "New" })],
      found,
    );
    expect(retitled.outcomes[0]).toMatchObject({ action: "updated" });
    expect(retitled.updates).toEqual([{ id: "article-1", data: { title: "New" } }]);
    expect(contentHash(TEXT)).toBe(line.contentHash);
  });

  it("refuses an id that belongs to an article with another external id", () => {
    const id = "0b0c3f5e-8f0e-4a53-9b39-1f0f3d2c7a10";
    const batch = plan(
      [prepare({ id, external_id: "b2", story: "talks", language: "en", text: TEXT })],
      lookups({ articlesById: new Map([[id, { id, externalId: "a1" } as ExistingArticle]]) }),
    );
    expect(batch.outcomes).toEqual([
      { line: 1, action: "rejected", reason: `id ${id} belongs to the article with external_id "a1"` },
    ]);
  });
});
