/**
 * Moving the boundaries of a curated span (POST /api/stories/ID/curation,
 * action "adjust"): guarded by version and text revision, exactly once per
 * mutation id, within whole characters; provenance kept, the annotators'
 * spans marked as taken or not by the new boundaries; refused to an annotator
 * still at work.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as curationRoute from "@/app/api/stories/[id]/curation/route";
import type { SpanDTO } from "@/lib/annotation/dto";
import { call, offsetsOf, signedIn, type Caller } from "./support/api";
import { twoAnnotators, type TwoAnnotators } from "./support/two-annotators";
import { testDb } from "./db";

const db = testDb();

// "👩🏽‍🔬" is one character of seven code points: a boundary may not fall inside it.
const SV = "Forskaren 👩🏽‍🔬 Ingrid Halvorsen besökte Kiel i maj.";

let team: TwoAnnotators;
let admin: Caller;
let ann: Caller;
let bo: Caller;
let story: { id: string; key: string };
let sv: { id: string; text: string };
let annSpan: SpanDTO;
let boSpan: SpanDTO;
let curatedId: string;

const createSpan = (as: Caller, quote: string) => team.createSpan(as, sv, quote);

const adjust = (body: Record<string, unknown>, as: Caller = admin) =>
  call<{ span?: { id: string; start: number; end: number; quote: string; version: number; applied: boolean } }>(
    curationRoute.POST,
    { as, params: { id: story.id }, body: { action: "adjust", spanId: curatedId, ...body } },
  );

beforeAll(async () => {
  team = await twoAnnotators(db, [{ language: "sv", text: SV }]);
  ({ admin, ann, bo, story } = team);
  sv = team.articles[0]!;
  expect((await team.assignIndependently(["sv"])).status).toBe(201);
  annSpan = await createSpan(ann, "Ingrid Halvorsen");
  boSpan = await createSpan(bo, "Halvorsen");
  await db.assignment.updateMany({ where: { articleId: sv.id }, data: { status: "DONE" } });
  const took = await call<{ curated: string[] }>(curationRoute.POST, {
    as: admin,
    params: { id: story.id },
    body: { action: "settle", articleId: sv.id, spans: [annSpan.id, boSpan.id], take: [annSpan.id] },
  });
  expect(took.status).toBe(200);
  curatedId = took.body.curated[0]!;
});

describe("adjusting a curated span's boundaries", () => {
  it("moves it, keeps who proposed it, records the change, and marks the annotators' spans by the new boundaries", async () => {
    const before = await db.span.findUniqueOrThrow({ where: { id: curatedId } });
    expect(before).toMatchObject({ quote: "Ingrid Halvorsen", sourceSpanId: annSpan.id, proposedById: ann.id });
    const halvorsen = offsetsOf(sv.text, "Halvorsen");
    const mutationId = randomUUID();
    const res = await adjust({ ...halvorsen, baseVersion: before.version, mutationId });
    expect(res.status).toBe(200);
    expect(res.body.span).toMatchObject({ quote: "Halvorsen", version: before.version + 1, applied: true });

    const after = await db.span.findUniqueOrThrow({ where: { id: curatedId } });
    expect(after).toMatchObject({
      layer: "CURATED",
      start: halvorsen.start,
      end: halvorsen.end,
      quote: "Halvorsen",
      prefix: [...sv.text].slice(Math.max(0, halvorsen.start - 32), halvorsen.start).join(""),
      proposedById: ann.id,
      acceptedById: admin.id,
      sourceSpanId: null,
      version: before.version + 1,
    });
    const revision = await db.spanRevision.findUniqueOrThrow({ where: { mutationId } });
    expect(revision).toMatchObject({ spanId: curatedId, action: "UPDATE", actorId: admin.id });
    expect(revision.before).toMatchObject({ quote: "Ingrid Halvorsen" });
    expect(revision.after).toMatchObject({ quote: "Halvorsen" });
    // Ann's span is no longer taken as she had it; Bo's now is.
    const statuses = await db.span.findMany({ where: { id: { in: [annSpan.id, boSpan.id] } } });
    expect(Object.fromEntries(statuses.map((s) => [s.layerOwnerId, s.reviewStatus]))).toEqual({
      [ann.id]: "REJECTED",
      [bo.id]: "APPROVED",
    });

    // The same mutation again: applied once.
    const retry = await adjust({ ...halvorsen, baseVersion: before.version, mutationId });
    expect(retry.status).toBe(200);
    expect(retry.body.span).toMatchObject({ applied: false, version: before.version + 1 });
    expect(await db.spanRevision.count({ where: { spanId: curatedId, action: "UPDATE" } })).toBe(1);
  });

  it("refuses a stale version, a boundary inside a character, an empty or outside range, and a non-curated span", async () => {
    const { version } = await db.span.findUniqueOrThrow({ where: { id: curatedId } });
    const stale = await adjust({ start: 0, end: 9, baseVersion: version - 1, mutationId: randomUUID() });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: "CONFLICT" } });

    const scientist = offsetsOf(sv.text, "👩🏽‍🔬");
    const inside = await adjust({
      start: scientist.start + 2,
      end: scientist.end,
      baseVersion: version,
      mutationId: randomUUID(),
    });
    expect(inside.status).toBe(400);
    expect(inside.body).toMatchObject({ error: { code: "INVALID_SPAN" } });
    expect(JSON.stringify(inside.body)).toContain("inside a character");
    const whole = await adjust({ ...scientist, baseVersion: version, mutationId: randomUUID() });
    expect(whole.body.span).toMatchObject({ quote: "👩🏽‍🔬" });
    const now = (await db.span.findUniqueOrThrow({ where: { id: curatedId } })).version;

    for (const [start, end] of [
      [5, 5],
      [0, [...sv.text].length + 1],
    ]) {
      const bad = await adjust({ start, end, baseVersion: now, mutationId: randomUUID() });
      expect(bad.status).toBe(400);
    }
    const notCurated = await call(curationRoute.POST, {
      as: admin,
      params: { id: story.id },
      body: { action: "adjust", spanId: annSpan.id, start: 0, end: 3, baseVersion: 1, mutationId: randomUUID() },
    });
    expect(notCurated.status).toBe(404);
  });

  it("is refused to an annotator still at work on the version, and to a viewer", async () => {
    const { version } = await db.span.findUniqueOrThrow({ where: { id: curatedId } });
    await db.assignment.updateMany({ where: { articleId: sv.id, userId: bo.id }, data: { status: "IN_PROGRESS" } });
    const early = await adjust({ start: 0, end: 9, baseVersion: version, mutationId: randomUUID() }, bo);
    expect(early.status).toBe(403);
    expect(early.body).toMatchObject({ error: { code: "ASSIGNMENT_OPEN" } });
    const viewer = await signedIn(db, "VIEWER");
    expect((await adjust({ start: 0, end: 9, baseVersion: version, mutationId: randomUUID() }, viewer)).status).toBe(
      403,
    );
    expect((await db.span.findUniqueOrThrow({ where: { id: curatedId } })).version).toBe(version);
  });
});
