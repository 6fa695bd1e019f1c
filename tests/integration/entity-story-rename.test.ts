/**
 * Renaming stories and entities, and merging two entities into one, through
 * the server actions the story and entity pages call: authorization, what
 * moves, what is kept, the audit log and the change feed.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { mergeEntityAction, renameEntityAction } from "@/app/(app)/entities/[id]/actions";
import { renameStoryAction } from "@/app/(app)/stories/[key]/actions";
import { withRequestHeaders } from "@/lib/auth/current-user";
import { loadEntityPage } from "@/lib/annotation/entity-page";
import { searchEntities } from "@/lib/annotation/entities";
import { seedTaxonomy } from "@/lib/demo/seed";
import { testDb } from "./db";
import { createStory, offsetsOf, signedIn, type Caller } from "./support/api";

const db = testDb();
let editor: Caller;
let viewer: Caller;
let labels: Map<string, string>;

beforeAll(async () => {
  await seedTaxonomy(db);
  labels = new Map((await db.label.findMany()).map((l) => [l.key, l.id]));
  editor = await signedIn(db, "EDITOR");
  viewer = await signedIn(db, "VIEWER");
});

const as = <T>(caller: Caller, fn: () => Promise<T>) =>
  withRequestHeaders(new Headers({ cookie: caller.cookie ?? "" }), fn);

async function changeLogSince(id: bigint, storyId: string) {
  return db.changeLog.findMany({ where: { id: { gt: id }, storyId }, orderBy: { id: "asc" } });
}
async function lastChange(): Promise<bigint> {
  return (await db.changeLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
}

describe("renaming a story", () => {
  it("changes its title, keeps its key, is audited, and is for editors only", async () => {
    const { story } = await createStory(db, [{ language: "en", text: "A ferry left." }]);
    const refused = await as(viewer, () => renameStoryAction({ id: story.id, name: "Nope" }));
    expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const result = await as(editor, () => renameStoryAction({ id: story.id, name: "  Ferries  of\tthe north " }));
    expect(result).toEqual({ ok: true, data: { title: "Ferries of the north" } });
    expect(await db.story.findUniqueOrThrow({ where: { id: story.id } })).toMatchObject({
      key: story.key,
      title: "Ferries of the north",
    });
    const events = await db.auditEvent.findMany({ where: { action: "story.renamed", targetId: story.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: editor.id,
      before: { title: "Integration test story" },
      after: { title: "Ferries of the north" },
    });
    expect(await as(editor, () => renameStoryAction({ id: story.id, name: " " }))).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });
    expect(await as(editor, () => renameStoryAction({ id: randomUUID(), name: "Lost" }))).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
  });
});

describe("an entity", () => {
  async function entity(name: string, extra: { wikidataQid?: string; label?: string } = {}) {
    return db.entity.create({
      data: {
        name,
        key: `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 8)}`,
        labelId: labels.get(extra.label ?? "ORG")!,
        wikidataQid: extra.wikidataQid ?? null,
      },
    });
  }

  it("is renamed; its old name stays findable as an alias; audited", async () => {
    const e = await entity(`Harbour Authority ${randomUUID().slice(0, 6)}`);
    expect(await as(viewer, () => renameEntityAction({ id: e.id, name: "X" }))).toMatchObject({ ok: false });
    const result = await as(editor, () => renameEntityAction({ id: e.id, name: "Port Authority of Varnhamn" }));
    expect(result).toEqual({ ok: true, data: { name: "Port Authority of Varnhamn" } });
    const found = await searchEntities(db, { q: e.name });
    expect(found.map((f) => f.id)).toContain(e.id);
    expect((await loadEntityPage(db, e.id))?.entity.aliases).toEqual([{ language: "und", alias: e.name }]);
    expect(await db.auditEvent.count({ where: { action: "entity.renamed", targetId: e.id } })).toBe(1);
  });

  it("absorbs a duplicate: spans relinked and relabelled, claims, aliases and QID kept, the duplicate gone", async () => {
    const { story, articles } = await createStory(db, [
      { language: "en", text: "The Varnhamn ferry line and Varnhamn Ferries both said so." },
      { language: "sv", text: "Varnhamns färjelinje sade det." },
    ]);
    const keep = await entity(`Varnhamn Ferries ${randomUUID().slice(0, 6)}`);
    const absorb = await entity(`Varnhamn ferry line ${randomUUID().slice(0, 6)}`, {
      wikidataQid: "Q987654321",
      label: "MISC",
    });
    await db.entityAlias.createMany({
      data: [
        { entityId: absorb.id, language: "sv", alias: "Varnhamns färjelinje" },
        { entityId: keep.id, language: "en", alias: "Varnhamn Ferries" },
      ],
    });
    const span = (article: (typeof articles)[number], quote: string, entityId: string, labelId: string) =>
      db.span.create({
        data: {
          id: randomUUID(),
          articleId: article.id,
          revision: 1,
          ...offsetsOf(article.text, quote),
          prefix: "",
          suffix: "",
          kind: "ENTITY",
          labelId,
          entityId,
          createdById: editor.id,
          updatedById: editor.id,
        },
      });
    const moved = [
      await span(articles[0]!, "Varnhamn ferry line", absorb.id, labels.get("MISC")!),
      await span(articles[1]!, "Varnhamns färjelinje", absorb.id, labels.get("MISC")!),
    ];
    const stays = await span(articles[0]!, "Varnhamn Ferries", keep.id, labels.get("ORG")!);
    const claim = await db.claim.create({
      data: { storyId: story.id, statement: "The line said so.", claimantId: absorb.id, evidenceUrls: [] },
    });

    expect(await as(viewer, () => mergeEntityAction({ keepId: keep.id, absorbId: absorb.id }))).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await as(editor, () => mergeEntityAction({ keepId: keep.id, absorbId: keep.id }))).toMatchObject({
      ok: false,
      error: { code: "SAME_ENTITY" },
    });
    const since = await lastChange();
    const result = await as(editor, () => mergeEntityAction({ keepId: keep.id, absorbId: absorb.id }));
    expect(result).toEqual({ ok: true, data: { name: keep.name, spans: 2, claims: 1 } });

    expect(await db.entity.findUnique({ where: { id: absorb.id } })).toBeNull();
    const spans = await db.span.findMany({ where: { id: { in: [...moved.map((s) => s.id), stays.id] } } });
    for (const s of spans) expect(s).toMatchObject({ entityId: keep.id, labelId: labels.get("ORG") });
    expect(spans.find((s) => s.id === moved[0]!.id)!.version).toBe(2);
    const history = await db.spanRevision.findMany({ where: { spanId: moved[0]!.id, version: 2 } });
    expect(history[0]).toMatchObject({ action: "UPDATE", actorId: editor.id });
    expect(await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({ claimantId: keep.id });
    const page = await loadEntityPage(db, keep.id);
    expect(page!.entity.wikidataQid).toBe("Q987654321");
    expect(page!.entity.aliases).toEqual(
      expect.arrayContaining([
        { language: "en", alias: "Varnhamn Ferries" },
        { language: "sv", alias: "Varnhamns färjelinje" },
        { language: "und", alias: absorb.name },
      ]),
    );
    expect(page!.stories).toEqual([{ key: story.key, title: story.title, languages: ["en", "sv"], mentions: 3 }]);
    // The change feed tells readers of the story that both moved spans changed.
    const changes = await changeLogSince(since, story.id);
    expect(
      changes
        .filter((c) => c.kind === "span.updated")
        .map((c) => c.subjectId)
        .sort(),
    ).toEqual(moved.map((s) => s.id).sort());
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "entity.merged", targetId: keep.id } });
    expect(audit).toMatchObject({ actorId: editor.id, after: { spans: 2, claims: 1 } });
    expect(audit.before).toMatchObject({ absorbed: { id: absorb.id, wikidataQid: "Q987654321" } });
  });

  it("is not merged with one of another Wikidata item", async () => {
    const a = await entity(`Alpha ${randomUUID().slice(0, 6)}`, { wikidataQid: "Q111111111" });
    const b = await entity(`Beta ${randomUUID().slice(0, 6)}`, { wikidataQid: "Q222222222" });
    expect(await as(editor, () => mergeEntityAction({ keepId: a.id, absorbId: b.id }))).toMatchObject({
      ok: false,
      error: { code: "WIKIDATA_CONFLICT" },
    });
    expect(await db.entity.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
  });
});
