import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/stories/[id]/events/route";
import { applySpanMutation, type Actor } from "@/lib/annotation/spans";
import { createDb } from "@/lib/db";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import type { StoryEvent } from "@/lib/live/events";
import { LiveHub } from "@/lib/live/hub";
import { closeLiveHub, liveHub } from "@/lib/live/process-hub";
import { storyEventStream } from "@/lib/live/stream";
import { leavePresence, touchPresence } from "@/lib/live/presence";
import { editArticle } from "@/lib/revisions/edit";
import { renameStory } from "@/lib/stories/rename";
import { SseReader, type SseFrame } from "../support/sse";
import { testDb } from "./db";
import { anonymous, createStory, offsetsOf, signedIn, type Caller } from "./support/api";

const db = testDb();
const TEXT = "Ingrid Halvorsen met Tomas Berg in Kiel. Kiel was cold. Berg left for Oslo by the night ferry.";

let actor: Actor;
let viewer: Caller;
let storyId: string;
let articleId: string;
let otherArticleId: string;
const readers: SseReader[] = [];

async function createSpan(quote: string, article = articleId) {
  const result = await applySpanMutation(db, actor, article, {
    type: "create",
    mutationId: randomUUID(),
    span: { id: randomUUID(), articleId: article, ...offsetsOf(TEXT, quote), kind: "ENTITY" },
  } as never);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.span;
}

async function open(as: Caller, options: { after?: number; lastEventId?: number; story?: string } = {}) {
  const url = new URL(`http://localhost/api/stories/${options.story ?? storyId}/events`);
  if (options.after !== undefined) url.searchParams.set("after", String(options.after));
  const headers: Record<string, string> = {};
  if (as.cookie) headers.cookie = as.cookie;
  if (options.lastEventId !== undefined) headers["last-event-id"] = String(options.lastEventId);
  const controller = new AbortController();
  const res = await eventsRoute.GET(new NextRequest(url, { headers, signal: controller.signal }), {
    params: Promise.resolve({ id: options.story ?? storyId }),
  });
  return { res, controller };
}

async function stream(options: Parameters<typeof open>[1] = {}) {
  const { res } = await open(viewer, options);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = new SseReader(res.body!);
  readers.push(reader);
  return reader;
}

const changes = (frames: SseFrame[]) =>
  frames.filter((f) => f.event === "change").map((f) => JSON.parse(f.data) as StoryEvent);

beforeAll(async () => {
  await seedDemoNewsroom(db);
  const one = await createStory(db, [{ language: "en", text: TEXT }]);
  const two = await createStory(db, [{ language: "sv", text: TEXT }]);
  storyId = one.story.id;
  articleId = one.articles[0]!.id;
  otherArticleId = two.articles[0]!.id;
  const editor = await signedIn(db, "EDITOR");
  actor = { id: editor.id, name: editor.name, canReview: false };
  viewer = await signedIn(db, "VIEWER");
});

afterAll(async () => {
  for (const r of readers) await r.close();
  await closeLiveHub();
});

describe("GET /api/stories/{id}/events", () => {
  it("refuses anonymous callers and unknown stories", async () => {
    expect((await open(anonymous)).res.status).toBe(401);
    expect((await open(viewer, { story: randomUUID() })).res.status).toBe(404);
    const bad = await open(viewer, { lastEventId: -1 as never });
    expect(bad.res.status).toBe(400);
  });

  it("streams the story's changes live, with the cursor as the event id, and nothing of other stories", async () => {
    const events = await stream();
    const [ready] = await events.until("ready");
    const start = Number(ready!.id);
    expect(JSON.parse(ready!.data)).toEqual({ cursor: start, stream: expect.any(String) });

    await createSpan("Kiel", otherArticleId); // another story: not sent
    const span = await createSpan("Ingrid Halvorsen");
    const frames = await events.until("change");
    const [event] = changes(frames);
    expect(event).toMatchObject({
      kind: "span.created",
      storyId,
      articleId,
      subjectId: span.id,
      actorId: actor.id,
      span: { id: span.id, quote: "Ingrid Halvorsen", version: 1 },
    });
    expect(Number(frames.at(-1)!.id)).toBe(event!.cursor);
    expect(event!.cursor).toBeGreaterThan(start);
  });

  it("replays exactly the changes after Last-Event-ID (or ?after=), in order, then goes live", async () => {
    const first = await stream();
    const from = Number((await first.until("ready"))[0]!.id);
    const made = [];
    for (const q of ["Tomas Berg", "Oslo", "night ferry"]) made.push(await createSpan(q));
    const live = changes([
      ...(await first.until("change")),
      ...(await first.until("change")),
      ...(await first.until("change")),
    ]);
    expect(live.map((e) => e.subjectId)).toEqual(made.map((s) => s.id));

    // A client that saw only the first of them.
    const missed = live.slice(1).map((e) => e.cursor);
    for (const resume of [{ lastEventId: live[0]!.cursor }, { after: live[0]!.cursor }]) {
      const again = await stream(resume);
      const replayed = changes(await again.until("ready"));
      expect(replayed.map((e) => e.cursor)).toEqual(missed);
      const next = await createSpan("Berg left");
      const [event] = changes(await again.until("change"));
      expect(event!.subjectId).toBe(next.id);
      missed.push(event!.cursor);
    }
    // Nothing missed: nothing replayed.
    const none = await stream({ after: from + 1_000_000 });
    expect(changes(await none.until("ready"))).toEqual([]);
  });

  it("tells a client whose cursor is older than the log keeps to reload", async () => {
    const [oldest] = await db.$queryRaw<{ id: bigint }[]>`SELECT min(id) AS id FROM "ChangeLog"`;
    await db.$executeRaw`DELETE FROM "ChangeLog" WHERE id = ${oldest!.id}`;
    const events = await stream({ after: 0 });
    const frames = await events.until("ready");
    expect(frames.map((f) => f.event)).toEqual(["reset", "ready"]);
  });

  it("sends heartbeats and ends when the client goes away", async () => {
    const controller = new AbortController();
    const body = storyEventStream({
      db,
      hub: liveHub(),
      storyId,
      reader: { id: viewer.id, role: "VIEWER" },
      after: null,
      signal: controller.signal,
      heartbeatMs: 50,
    });
    const events = new SseReader(body);
    await events.until("ready");
    let ping = await events.next();
    while (ping?.event === "presence") ping = await events.next();
    expect(ping?.comment).toBe("ping");
    const before = liveHub().subscriberCount;
    controller.abort();
    for (;;) if ((await events.next()) === null) break;
    expect(liveHub().subscriberCount).toBe(before - 1);
  });

  it("sends a span only to readers who see its layer", async () => {
    const annotator = await signedIn(db, "EDITOR");
    await db.assignment.create({ data: { articleId, userId: annotator.id, mode: "INDEPENDENT" } });
    const streamOf = (id: string, role: string) => {
      const events = new SseReader(
        storyEventStream({ db, hub: liveHub(), storyId, reader: { id, role }, after: null }),
      );
      readers.push(events);
      return events;
    };
    const theirs = streamOf(annotator.id, "EDITOR");
    const everyone = streamOf(viewer.id, "VIEWER");
    await theirs.until("ready");
    await everyone.until("ready");

    // Spans the annotator writes go to their own layer: only they get them.
    const asAnnotator = async (quote: string) => {
      const r = await applySpanMutation(db, { id: annotator.id, name: annotator.name, canReview: false }, articleId, {
        type: "create",
        mutationId: randomUUID(),
        span: { id: randomUUID(), articleId, ...offsetsOf(TEXT, quote), kind: "ENTITY" },
      } as never);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.span;
    };
    const own = await asAnnotator("Oslo");
    const shared = await createSpan("Kiel was cold"); // the shared layer: everyone but the independent annotator
    const own2 = await asAnnotator("night ferry");
    const sharedToo = await createSpan("Ingrid");

    const theirsGot = changes([...(await theirs.until("change")), ...(await theirs.until("change"))]);
    expect(theirsGot.map((e) => e.subjectId)).toEqual([own.id, own2.id]);
    expect(theirsGot[0]!.spanLayer).toEqual({ layer: "ANNOTATOR", ownerId: annotator.id });
    const everyoneGot = changes([...(await everyone.until("change")), ...(await everyone.until("change"))]);
    expect(everyoneGot.map((e) => e.subjectId)).toEqual([shared.id, sharedToo.id]);
    await db.assignment.deleteMany({ where: { articleId, userId: annotator.id } });
  });

  it("an open stream follows a new assignment at once, not after a cache expires", async () => {
    const annotator = await signedIn(db, "EDITOR");
    const events = new SseReader(
      storyEventStream({ db, hub: liveHub(), storyId, reader: { id: annotator.id, role: "EDITOR" }, after: null }),
    );
    readers.push(events);
    await events.until("ready");
    const before = await createSpan("Ingrid"); // shared, and not assigned yet: sent
    expect(changes(await events.until("change")).map((e) => e.subjectId)).toEqual([before.id]);

    // Assigned independently: from now on only their own layer, the shared span below is not sent.
    await db.assignment.create({ data: { articleId, userId: annotator.id, mode: "INDEPENDENT" } });
    await createSpan("Halvorsen");
    const own = await applySpanMutation(db, { id: annotator.id, name: annotator.name, canReview: false }, articleId, {
      type: "create",
      mutationId: randomUUID(),
      span: { id: randomUUID(), articleId, ...offsetsOf(TEXT, "Tomas"), kind: "ENTITY" },
    } as never);
    if (!own.ok) throw new Error(JSON.stringify(own.error));
    expect(changes(await events.until("change")).map((e) => e.subjectId)).toEqual([own.span.id]);
    await db.assignment.deleteMany({ where: { articleId, userId: annotator.id } });
  });

  it("sends a story's new title and an article's revision, with the title and revision now", async () => {
    const { story, articles } = await createStory(db, [{ language: "en", text: TEXT }]);
    const article = articles[0]!;
    const editor = await signedIn(db, "EDITOR");
    const events = new SseReader(
      storyEventStream({
        db,
        hub: liveHub(),
        storyId: story.id,
        reader: { id: viewer.id, role: "VIEWER" },
        after: null,
      }),
    );
    readers.push(events);
    await events.until("ready");

    await renameStory(db, { id: editor.id, email: "editor@example.test" }, { storyId: story.id, title: "Ferries" });
    expect(changes(await events.until("change"))).toEqual([
      expect.objectContaining({
        kind: "story.renamed",
        storyId: story.id,
        subjectId: story.id,
        story: { id: story.id, title: "Ferries" },
      }),
    ]);
    await editArticle(
      db,
      { id: editor.id, email: "editor@example.test" },
      { id: article.id, expectedRevision: 1, text: `${TEXT} Updated.`, title: "Cold Kiel", note: null },
    );
    const revised = changes(await events.until("change"));
    expect(revised.at(-1)).toMatchObject({
      kind: "article.revised",
      articleId: article.id,
      version: 2,
      article: { id: article.id, language: "en", title: "Cold Kiel", revision: 2 },
    });
  });

  it("pushes who has the story open, on every change", async () => {
    const events = await stream();
    await events.until("ready");
    const presence = async () => {
      for (;;) {
        const frame = await events.next();
        if (frame?.event === "presence") return (JSON.parse(frame.data) as { people: { tabId: string }[] }).people;
      }
    };
    expect(await presence()).toEqual([]);
    const editor = await signedIn(db, "EDITOR");
    await touchPresence(db, storyId, editor.id, { tabId: "tab-one-1234", articleId, spanId: null });
    expect(await presence()).toEqual([
      { tabId: "tab-one-1234", userId: editor.id, name: editor.name, articleId, language: "en", spanId: null },
    ]);
    await leavePresence(db, "tab-one-1234", editor.id);
    expect(await presence()).toEqual([]);
  });

  it("a tab's presence ends with the stream it named, at once; a newer stream of the tab keeps it", async () => {
    const editor = await signedIn(db, "EDITOR");
    const present = async () =>
      (await db.presence.findMany({ where: { storyId }, select: { tabId: true } })).map((p) => p.tabId);
    const touch = (tabId: string, streamId?: string) =>
      touchPresence(db, storyId, editor.id, { tabId, articleId, spanId: null, streamId });
    const openAs = async (tab: string) => {
      const url = new URL(`http://localhost/api/stories/${storyId}/events?tab=${tab}`);
      const controller = new AbortController();
      const res = await eventsRoute.GET(
        new NextRequest(url, { headers: { cookie: editor.cookie! }, signal: controller.signal }),
        {
          params: Promise.resolve({ id: storyId }),
        },
      );
      expect(res.status).toBe(200);
      const events = new SseReader(res.body!);
      const ready = (await events.until("ready")).at(-1)!;
      const { stream } = JSON.parse(ready.data) as { stream: string };
      expect(stream).toMatch(/^[0-9a-f-]{36}$/);
      const close = async () => {
        controller.abort();
        for (;;) if ((await events.next()) === null) break;
      };
      return { stream, close };
    };
    const bad = await eventsRoute.GET(
      new NextRequest(new URL(`http://localhost/api/stories/${storyId}/events?tab=no%20spaces`), {
        headers: { cookie: editor.cookie! },
      }),
      { params: Promise.resolve({ id: storyId }) },
    );
    expect(bad.status).toBe(400);

    // A closing tab whose last heartbeat was a moment ago still leaves when its stream ends.
    const closing = await openAs("tab-closing-1234");
    await touch("tab-closing-1234", closing.stream);
    expect(await present()).toContain("tab-closing-1234");
    await closing.close();
    await expect.poll(present, { timeout: 2_000 }).not.toContain("tab-closing-1234");

    // A tab that reconnected (its new stream is live and named) stays when the old stream's end is noticed.
    const old = await openAs("tab-reconnecting-1234");
    await touch("tab-reconnecting-1234", old.stream);
    const renewed = await openAs("tab-reconnecting-1234");
    expect(renewed.stream).not.toBe(old.stream);
    await touch("tab-reconnecting-1234", renewed.stream);
    await old.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(await present()).toContain("tab-reconnecting-1234");
    await renewed.close();
    await expect.poll(present, { timeout: 2_000 }).not.toContain("tab-reconnecting-1234");

    // A tab that named no stream: one heard of a while ago leaves, one heard of just now stays.
    const unnamed = await openAs("tab-unnamed-1234");
    await touch("tab-unnamed-1234");
    await unnamed.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(await present()).toContain("tab-unnamed-1234");
    const again = await openAs("tab-unnamed-1234");
    await db.$executeRaw`UPDATE "Presence" SET "seenAt" = now() - interval '5 seconds' WHERE "tabId" = 'tab-unnamed-1234'`;
    await again.close();
    await expect.poll(present, { timeout: 2_000 }).not.toContain("tab-unnamed-1234");
  });

  it("two hubs (two app processes) on one database deliver the same changes", async () => {
    const dbs = [createDb(process.env.DATABASE_URL!), createDb(process.env.DATABASE_URL!)];
    const hubs = dbs.map((d) => new LiveHub({ db: d, url: process.env.DATABASE_URL! }));
    try {
      const got: StoryEvent[][] = [[], []];
      for (const [i, hub] of hubs.entries()) {
        await hub.subscribe(storyId, { events: (e) => got[i]!.push(...e), lost: () => {} });
      }
      // Written through the first process's client.
      const result = await applySpanMutation(dbs[0]!, actor, articleId, {
        type: "create",
        mutationId: randomUUID(),
        span: { id: randomUUID(), articleId, ...offsetsOf(TEXT, "cold"), kind: "ENTITY" },
      } as never);
      expect(result.ok).toBe(true);
      await expect.poll(() => got.map((g) => g.length), { timeout: 3_000 }).toEqual([1, 1]);
      expect(got[0]![0]).toEqual(got[1]![0]);
    } finally {
      for (const hub of hubs) await hub.close();
      for (const d of dbs) await d.$disconnect();
    }
  });
});
