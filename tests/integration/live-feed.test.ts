import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySpanMutation, type Actor } from "@/lib/annotation/spans";
import { updateEntity, createEntity } from "@/lib/annotation/entities";
import { createClaim } from "@/lib/annotation/claims";
import { CHANGE_CHANNEL, FeedReader, readStoryChanges, type ChangeRow } from "@/lib/live/feed";
import { pruneChangeLog } from "@/lib/live/prune";
import { ASSIGNMENT_CHANNEL } from "@/lib/live/visibility";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { testDb } from "./db";
import { createStory, offsetsOf, signedIn } from "./support/api";

const db = testDb();
const TEXT = "Ingrid Halvorsen met Tomas Berg in Kiel. Kiel was cold. Berg left for Oslo.";

let actor: Actor;
let storyId: string;
let articleId: string;
let labels: Map<string, string>;
const clients: pg.Client[] = [];

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  clients.push(c);
  return c;
}

async function createSpan(quote: string, over: Record<string, unknown> = {}) {
  const result = await applySpanMutation(db, actor, articleId, {
    type: "create",
    mutationId: randomUUID(),
    span: { id: randomUUID(), articleId, ...offsetsOf(TEXT, quote), kind: "ENTITY", ...over },
  } as never);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.span;
}

/** A span row inserted with plain SQL on `c` (inside whatever transaction it has open). */
async function insertSpanSql(c: pg.Client, quote: string): Promise<string> {
  const id = randomUUID();
  const { start, end } = offsetsOf(TEXT, quote);
  await c.query(
    `INSERT INTO "Span" (id, "articleId", revision, start, "end", quote, prefix, suffix, kind, "updatedAt")
     VALUES ($1, $2, 1, $3, $4, $5, '', '', 'ENTITY', now())`,
    [id, articleId, start, end, quote],
  );
  return id;
}

const subjects = (rows: ChangeRow[]) => rows.map((r) => r.subjectId);

beforeAll(async () => {
  await seedDemoNewsroom(db);
  labels = new Map((await db.label.findMany()).map((l) => [l.key, l.id]));
  const { story, articles } = await createStory(db, [{ language: "en", text: TEXT }]);
  storyId = story.id;
  articleId = articles[0]!.id;
  const editor = await signedIn(db, "EDITOR");
  actor = { id: editor.id, name: editor.name, canReview: false };
});

afterAll(async () => {
  for (const c of clients) await c.end().catch(() => {});
});

describe("the change feed", () => {
  it("logs a span write in its own statement and announces it with ids only", async () => {
    const listener = await client();
    const notes: string[] = [];
    listener.on("notification", (n) => notes.push(n.payload ?? ""));
    await listener.query(`LISTEN ${CHANGE_CHANNEL}`);
    const reader = await FeedReader.start(db);

    const span = await createSpan("Ingrid Halvorsen", { labelId: labels.get("PERSON") });
    const rows = (await reader.poll()).filter((r) => r.storyId === storyId);
    expect(rows).toEqual([
      expect.objectContaining({
        kind: "span.created",
        subjectId: span.id,
        articleId,
        actorId: actor.id,
        version: 1,
      }),
    ]);
    await expect.poll(() => notes.length).toBeGreaterThan(0);
    const note = JSON.parse(notes.at(-1)!) as { cursor: number; stories: string[] };
    expect(note).toEqual({ cursor: rows[0]!.id, stories: [storyId] });
  });

  it("logs relabel, link, review, resize, delete and restore with their kinds", async () => {
    const reader = await FeedReader.start(db);
    const span = await createSpan("Tomas Berg");
    const entity = await createEntity(db, { name: `Tomas Berg ${randomUUID()}`, labelId: labels.get("PERSON")! });
    const change = async (m: object) => {
      const current = (await db.span.findUniqueOrThrow({ where: { id: span.id } })).version;
      const r = await applySpanMutation(db, { ...actor, canReview: true }, articleId, {
        mutationId: randomUUID(),
        spanId: span.id,
        baseVersion: current,
        ...m,
      } as never);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    };
    await change({ type: "update", patch: { labelId: labels.get("PERSON") } });
    await change({ type: "update", patch: { entityId: entity.id } });
    await change({ type: "update", patch: { reviewStatus: "APPROVED" } });
    await change({ type: "update", patch: { ...offsetsOf(TEXT, "Tomas") } });
    await change({ type: "delete" });
    await change({ type: "restore" });
    const rows = (await reader.poll()).filter((r) => r.storyId === storyId);
    expect(rows.map((r) => [r.kind, r.version])).toEqual([
      ["span.created", 1],
      ["span.updated", 2],
      ["span.updated", 3],
      ["span.updated", 4],
      ["span.updated", 5],
      ["span.deleted", 6],
      ["span.restored", 7],
    ]);
    expect(new Set(subjects(rows))).toEqual(new Set([span.id]));

    // The entity, edited, and a claim attached to the story: logged for this story.
    await updateEntity(db, actor, entity.id, { baseVersion: entity.version, description: "A sailor" });
    const claim = await createClaim(db, { statement: "Kiel was cold.", storyId });
    const more = (await reader.poll()).filter((r) => r.storyId === storyId);
    expect(more.map((r) => [r.kind, r.subjectId])).toEqual([
      ["entity.updated", entity.id],
      ["claim.created", claim.id],
    ]);
  });

  it("logs a story's rename, and announces an article's assignments changing", async () => {
    const reader = await FeedReader.start(db);
    const listener = await client();
    const notes: string[] = [];
    listener.on("notification", (n) => notes.push(n.payload ?? ""));
    await listener.query(`LISTEN ${ASSIGNMENT_CHANNEL}`);

    await db.story.update({ where: { id: storyId }, data: { title: "Renamed" } });
    await db.story.update({ where: { id: storyId }, data: { title: "Renamed" } }); // unchanged: not logged
    const rows = (await reader.poll()).filter((r) => r.storyId === storyId);
    expect(rows.map((r) => [r.kind, r.subjectId])).toEqual([["story.renamed", storyId]]);

    const assignment = await db.assignment.create({ data: { articleId, userId: actor.id, mode: "INDEPENDENT" } });
    await db.assignment.update({ where: { id: assignment.id }, data: { mode: "COLLABORATIVE" } });
    await db.assignment.delete({ where: { id: assignment.id } });
    await expect.poll(() => notes).toEqual([articleId, articleId, articleId]);
    // No log rows: an assignment is not something the story shows.
    expect((await reader.poll()).filter((r) => r.storyId === storyId)).toEqual([]);
  });

  it("logs nothing for a rolled-back write, and announces nothing", async () => {
    const listener = await client();
    const notes: string[] = [];
    listener.on("notification", (n) => notes.push(n.payload ?? ""));
    await listener.query(`LISTEN ${CHANGE_CHANNEL}`);
    const reader = await FeedReader.start(db);

    const writer = await client();
    await writer.query("BEGIN");
    const id = await insertSpanSql(writer, "Kiel");
    const inside = await writer.query(`SELECT count(*)::int AS n FROM "ChangeLog" WHERE "subjectId" = $1`, [id]);
    expect(inside.rows[0].n).toBe(1); // written in the writer's transaction…
    await writer.query("ROLLBACK");

    expect(await db.$queryRaw`SELECT 1 FROM "ChangeLog" WHERE "subjectId" = ${id}::uuid`).toEqual([]); // …and gone
    await new Promise((r) => setTimeout(r, 300));
    expect(notes).toEqual([]);
    expect(await reader.poll()).toEqual([]);

    // The next committed write is served past the rolled-back id.
    const span = await createSpan("Oslo");
    expect(subjects(await reader.poll())).toEqual([span.id]);
  });

  it("holds back a later-numbered change until an earlier-numbered one commits, so no resume skips it", async () => {
    const reader = await FeedReader.start(db);
    const before = reader.cursor;
    const first = await client();
    const second = await client();

    await first.query("BEGIN");
    const early = await insertSpanSql(first, "Kiel was cold"); // takes the lower cursor
    await second.query("BEGIN");
    const late = await insertSpanSql(second, "Berg left");
    await second.query("COMMIT"); // the higher cursor commits first

    const cursors = await db.$queryRaw<{ id: bigint; subjectId: string }[]>`
      SELECT id, "subjectId"::text FROM "ChangeLog" WHERE "subjectId" IN (${early}::uuid, ${late}::uuid)`;
    expect(cursors.map((c) => c.subjectId)).toEqual([late]); // only the later one is visible yet

    expect(await reader.poll()).toEqual([]); // not served: the horizon stays below the open transaction
    expect(reader.cursor).toBe(before);
    expect(await readStoryChanges(db, storyId, before, reader.cursor)).toEqual([]);

    await first.query("COMMIT");
    const served = await reader.poll();
    expect(subjects(served)).toEqual([early, late]);
    expect(served[0]!.id).toBeLessThan(served[1]!.id);

    // A client that saw nothing after `before` gets both, in cursor order.
    expect(subjects(await readStoryChanges(db, storyId, before, reader.cursor))).toEqual([early, late]);
  });

  it("resuming after a cursor replays exactly the changes after it", async () => {
    const reader = await FeedReader.start(db);
    const made: string[] = [];
    for (const quote of ["Ingrid", "Halvorsen", "Tomas", "Berg", "Oslo"]) made.push((await createSpan(quote)).id);
    const rows = (await reader.poll()).filter((r) => r.storyId === storyId);
    expect(subjects(rows)).toEqual(made);
    const seen = rows[1]!.id; // the client saw the first two
    expect(subjects(await readStoryChanges(db, storyId, seen, reader.cursor))).toEqual(made.slice(2));
    expect(await readStoryChanges(db, storyId, reader.cursor, reader.cursor)).toEqual([]);
    // Limited pages continue where they stopped.
    const page = await readStoryChanges(db, storyId, seen, reader.cursor, 2);
    expect(subjects(page)).toEqual(made.slice(2, 4));
    expect(subjects(await readStoryChanges(db, storyId, page[1]!.id, reader.cursor))).toEqual(made.slice(4));
  });

  it("prunes rows older than the retention", async () => {
    await db.$executeRaw`UPDATE "ChangeLog" SET at = now() - interval '8 days' WHERE "storyId" = ${storyId}::uuid`;
    const pruned = await pruneChangeLog(db, 7 * 24 * 3600 * 1000);
    expect(pruned).toBeGreaterThan(0);
    expect(await db.$queryRaw`SELECT 1 FROM "ChangeLog" WHERE "storyId" = ${storyId}::uuid`).toEqual([]);
  });
});
