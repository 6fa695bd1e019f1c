import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/articles/[id]/spans/route";
import * as mutationsRoute from "@/app/api/articles/[id]/spans/mutations/route";
import * as historyRoute from "@/app/api/spans/[id]/history/route";
import * as annotationsRoute from "@/app/api/stories/[id]/annotations/route";
import * as myAssignmentsRoute from "@/app/api/assignments/route";
import * as assignmentRoute from "@/app/api/assignments/[id]/route";
import * as agreementRoute from "@/app/api/agreement/route";
import * as curationRoute from "@/app/api/stories/[id]/curation/route";
import * as storiesRoute from "@/app/api/stories/route";
import type { StorySearchResult } from "@/lib/stories/search";
import type { ScopedReport } from "@/lib/agreement/load";
import { unitizingAlpha } from "@/lib/agreement/unitizing";
import type { MutationResult } from "@/lib/annotation/spans";
import type { SpanDTO } from "@/lib/annotation/dto";
import type { AssignmentDTO } from "@/lib/assignments/assignments";
import type { StoryAnnotations } from "@/lib/annotation/story-annotations";
import { loadStoryView } from "@/lib/reader/story-view";
import { decodeSpans } from "@/lib/reader/span-pack";
import { visibleLayers } from "@/lib/authz/layers";
import { testDb } from "./db";
import { call, offsetsOf, type Caller } from "./support/api";
import { twoAnnotators, type TwoAnnotators, type Version } from "./support/two-annotators";

const db = testDb();

const SV = "Ingrid Halvorsen besökte Kiel i maj. Hamnen i Kiel var full.";
const EN = "Ingrid Halvorsen visited Kiel in May. The harbour in Kiel was full.";

let team: TwoAnnotators;
let admin: Caller;
let ann: Caller;
let bo: Caller;
let story: { id: string; key: string };
let sv: Version;
let en: Version;
let person: string;

async function spansSeenBy(as: Caller, article: { id: string }) {
  const res = await call<{ spans: SpanDTO[] }>(listRoute.GET, { as, params: { id: article.id } });
  expect(res.status).toBe(200);
  return res.body.spans;
}

beforeAll(async () => {
  team = await twoAnnotators(db, [
    { language: "sv", text: SV },
    { language: "en", text: EN },
  ]);
  ({ admin, ann, bo, story, person } = team);
  [sv, en] = team.articles as [Version, Version];
});

describe("independent annotation", () => {
  let shared: SpanDTO;
  let annSpan: SpanDTO;
  let boSpan: SpanDTO;

  it("an admin assigns sv and en to two editors independently", async () => {
    shared = await team.createSpan(admin, sv, "Hamnen");
    const res = await team.assignIndependently(["sv", "en"], { dueAt: "2026-12-31" });
    expect(res.status).toBe(201);
    expect(res.body.assignments).toHaveLength(4);
    expect(res.body.assignments.every((a) => a.status === "TODO" && a.dueAt === "2026-12-31")).toBe(true);
  });

  it("each writes their own layer and sees only it, through every read", async () => {
    annSpan = await team.createSpan(ann, sv, "Ingrid Halvorsen");
    boSpan = await team.createSpan(bo, sv, "Kiel");
    await team.createSpan(bo, en, "Kiel");

    expect((await spansSeenBy(ann, sv)).map((s) => s.id)).toEqual([annSpan.id]);
    expect((await spansSeenBy(bo, sv)).map((s) => s.id)).toEqual([boSpan.id]);
    expect(await spansSeenBy(ann, en)).toEqual([]);
    // Someone not assigned sees the shared working layer only, as before.
    expect((await spansSeenBy(admin, sv)).map((s) => s.id)).toEqual([shared.id]);

    const rows = await db.span.findMany({ where: { id: { in: [annSpan.id, boSpan.id] } } });
    expect(rows.map((r) => [r.layer, r.layerOwnerId]).sort()).toEqual(
      [
        ["ANNOTATOR", ann.id],
        ["ANNOTATOR", bo.id],
      ].sort(),
    );

    const view = await loadStoryView(db, story.key, [sv.id, en.id], { id: ann.id });
    expect(view!.panes.flatMap((p) => decodeSpans(p.spans, p.id, p.text).map((s) => s.id))).toEqual([annSpan.id]);

    expect((await visibleLayers(db, { id: ann.id }, sv.id)).read).toEqual([{ layer: "ANNOTATOR", ownerId: ann.id }]);
    expect((await visibleLayers(db, { id: admin.id }, sv.id)).read).toEqual([{ layer: "SHARED" }]);
  });

  it("never hands out another annotator's span: history, edits and the story sidebar", async () => {
    const history = await call(historyRoute.GET, { as: ann, params: { id: boSpan.id } });
    expect(history.status).toBe(404);
    expect((await call(historyRoute.GET, { as: ann, params: { id: annSpan.id } })).status).toBe(200);

    const edit = await call<{ results: MutationResult[] }>(mutationsRoute.POST, {
      as: ann,
      params: { id: sv.id },
      body: { mutations: [{ type: "delete", mutationId: randomUUID(), spanId: boSpan.id, baseVersion: 1 }] },
    });
    const [result] = edit.body.results;
    expect(result?.ok).toBe(false);
    expect(JSON.stringify(edit.body)).not.toContain("Kiel");

    // Linking an entity puts the span in the sidebar: only the linker's own.
    const entity = await db.entity.create({ data: { name: "Kiel", labelId: person } });
    await db.span.updateMany({
      where: { id: { in: [annSpan.id, boSpan.id, shared.id] } },
      data: { entityId: entity.id },
    });
    const sidebar = await call<StoryAnnotations>(annotationsRoute.GET, { as: ann, params: { id: story.id } });
    const refs = sidebar.body.entities.flatMap((e) => e.spans.map((s) => s.spanId));
    expect(refs).toEqual([annSpan.id]);
    expect(JSON.stringify(sidebar.body)).not.toContain(boSpan.id);
  });

  it("lists my work with status and counts; marking done and reopening are audited", async () => {
    const mine = await call<{ assignments: AssignmentDTO[] }>(myAssignmentsRoute.GET, { as: ann });
    expect(mine.body.assignments.map((a) => [a.language, a.status, a.spans])).toEqual([
      ["en", "TODO", 0],
      ["sv", "IN_PROGRESS", 1],
    ]);
    const svAssignment = mine.body.assignments.find((a) => a.language === "sv")!;
    const done = await call<{ assignment: AssignmentDTO }>(assignmentRoute.PATCH, {
      as: ann,
      method: "PATCH",
      params: { id: svAssignment.id },
      body: { status: "DONE" },
    });
    expect(done.status).toBe(200);
    expect(done.body.assignment.status).toBe("DONE");
    const reopened = await call<{ assignment: AssignmentDTO }>(assignmentRoute.PATCH, {
      as: ann,
      method: "PATCH",
      params: { id: svAssignment.id },
      body: { status: "IN_PROGRESS" },
    });
    expect(reopened.body.assignment.status).toBe("IN_PROGRESS");
    const events = await db.auditEvent.findMany({ where: { targetId: svAssignment.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["assignment.assign", "assignment.done", "assignment.reopen"]);
  });

  it("reports agreement to a curator, not to an annotator still at work", async () => {
    const early = await call(agreementRoute.GET, { as: ann, search: { story: story.key } });
    expect(early.status).toBe(403);
    expect(early.body).toMatchObject({ error: { code: "ASSIGNMENT_OPEN" } });

    const res = await call<ScopedReport>(agreementRoute.GET, { as: admin, search: { story: story.key } });
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report.annotators.map((a) => a.id).sort()).toEqual([ann.id, bo.id].sort());
    expect(report.scope).toMatchObject({ stories: [story.key], languages: ["en", "sv"], articles: 2 });
    // Ann marked "Ingrid Halvorsen" in sv; Bo "Kiel" in sv and en: no span in common.
    const [pair] = report.pairs;
    expect(pair!.exact.matched).toBe(0);
    expect(pair!.overlap.f1.value).toBe(0);
    // The same α_u computed directly: en then sv laid end to end, one label.
    const rater = (id: string) => (id === report.annotators[0]!.id ? 0 : 1);
    const enKiel = offsetsOf(EN, "Kiel");
    const svKiel = offsetsOf(SV, "Kiel");
    const svIngrid = offsetsOf(SV, "Ingrid Halvorsen");
    const enLength = [...EN].length;
    const expected = unitizingAlpha({
      length: enLength + [...SV].length,
      raters: 2,
      units: [
        { rater: rater(bo.id), start: enKiel.start, end: enKiel.end, label: "x" },
        { rater: rater(bo.id), start: enLength + svKiel.start, end: enLength + svKiel.end, label: "x" },
        { rater: rater(ann.id), start: enLength + svIngrid.start, end: enLength + svIngrid.end, label: "x" },
      ],
    });
    expect(pair!.alphaU.value).toBeCloseTo(expected.alpha.value!, 12);
    expect(report.overall.alphaU.value).toBeCloseTo(expected.alpha.value!, 12);

    const sv1 = await call<ScopedReport>(agreementRoute.GET, {
      as: admin,
      search: { story: story.key, language: "sv" },
    });
    expect(sv1.body.perArticle.map((a) => a.language)).toEqual(["sv"]);

    const csv = await agreementRoute.GET(
      new (await import("next/server")).NextRequest(
        `http://localhost/api/agreement?story=${encodeURIComponent(story.key)}&format=csv`,
        { headers: { cookie: admin.cookie! } },
      ),
      { params: Promise.resolve({}) },
    );
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe(
      "table,annotator_a,annotator_b,story,language,article,label,measure,value,reason",
    );
    expect(text).toContain("overlap_f1,0,");
  });

  it("a curator accepts what all annotators agree on in one step, and one span by hand, with provenance", async () => {
    // Both now mark "Kiel" in en identically; only Bo marked it in sv.
    await team.createSpan(ann, en, "Kiel");
    const all = await call<{ accepted: number; articles: number }>(curationRoute.POST, {
      as: admin,
      params: { id: story.id },
      body: { action: "accept-agreed" },
    });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ accepted: 1, articles: 2 });
    const again = await call<{ accepted: number; alreadyCurated: number }>(curationRoute.POST, {
      as: admin,
      params: { id: story.id },
      body: { action: "accept-agreed" },
    });
    expect(again.body).toMatchObject({ accepted: 0, alreadyCurated: 1 });

    const one = await call<{ curatedSpanId: string }>(curationRoute.POST, {
      as: admin,
      params: { id: story.id },
      body: { action: "accept", spanId: annSpan.id },
    });
    expect(one.status).toBe(201);
    const curated = await db.span.findMany({
      where: { layer: "CURATED", article: { storyId: story.id } },
      orderBy: { start: "asc" },
    });
    expect(curated.map((s) => [s.articleId, s.quote, s.acceptedById]).sort()).toEqual(
      [
        [en.id, "Kiel", admin.id],
        [sv.id, "Ingrid Halvorsen", admin.id],
      ].sort(),
    );
    const enCurated = curated.find((s) => s.articleId === en.id)!;
    expect([bo.id, ann.id]).toContain(enCurated.proposedById);
    const source = await db.span.findUniqueOrThrow({ where: { id: enCurated.sourceSpanId! } });
    expect(source).toMatchObject({ layer: "ANNOTATOR", layerOwnerId: enCurated.proposedById, quote: "Kiel" });
    expect(curated.find((s) => s.articleId === sv.id)).toMatchObject({
      proposedById: ann.id,
      sourceSpanId: annSpan.id,
    });
    // The curated layer is no annotator's: still invisible to them.
    expect((await spansSeenBy(ann, sv)).map((s) => s.id)).toEqual([annSpan.id]);
  });

  it("settles one place at a time: accept a version, edit it, or reject all; annotators see the outcome", async () => {
    // Both mark "Hamnen" in sv, with different labels: a disagreement.
    const place = (await db.label.findMany({ where: { kind: "ENTITY" }, orderBy: { order: "asc" }, take: 3 }))[2]!.id;
    const a = await team.createSpan(ann, sv, "Hamnen");
    const b = await team.createSpan(bo, sv, "Hamnen");
    await db.span.update({ where: { id: b.id }, data: { labelId: place } });
    const settle = (body: Record<string, unknown>, as: Caller = admin) =>
      call<{ curated: string[]; replaced: number }>(curationRoute.POST, {
        as,
        params: { id: story.id },
        body: { action: "settle", articleId: sv.id, spans: [a.id, b.id], ...body },
      });

    const took = await settle({ take: [b.id] });
    expect(took.status).toBe(200);
    expect(took.body).toMatchObject({ replaced: 0 });
    const [curatedId] = took.body.curated;
    expect(await db.span.findUniqueOrThrow({ where: { id: curatedId! } })).toMatchObject({
      layer: "CURATED",
      labelId: place,
      proposedById: bo.id,
      acceptedById: admin.id,
      sourceSpanId: b.id,
    });
    const statuses = async () =>
      Object.fromEntries(
        (await db.span.findMany({ where: { id: { in: [a.id, b.id] } } })).map((s) => [s.id, s.reviewStatus]),
      );
    expect(await statuses()).toEqual({ [a.id]: "REJECTED", [b.id]: "APPROVED" });

    // Editing replaces it: Ann's offsets, the person label, no source (changed by the curator).
    const edited = await settle({ edit: { spanId: a.id, labelId: person } });
    expect(edited.body.replaced).toBe(1);
    expect(await db.span.findUniqueOrThrow({ where: { id: edited.body.curated[0]! } })).toMatchObject({
      labelId: person,
      proposedById: ann.id,
      sourceSpanId: null,
      quote: "Hamnen",
    });
    expect(await statuses()).toEqual({ [a.id]: "REJECTED", [b.id]: "REJECTED" });

    const rejected = await settle({ reject: true });
    expect(rejected.body).toEqual({ curated: [], replaced: 1 });
    const left = await db.span.count({
      where: { articleId: sv.id, layer: "CURATED", deletedAt: null, quote: "Hamnen" },
    });
    expect(left).toBe(0);

    // A span that is not the unit's, or a unit that changed, is refused.
    expect((await settle({ take: [annSpan.id] })).status).toBe(400);
    expect((await settle({ spans: [a.id, b.id, randomUUID()], reject: true })).status).toBe(409);
    // An annotator still at work may not curate.
    await db.assignment.updateMany({ where: { userId: bo.id, articleId: sv.id }, data: { status: "IN_PROGRESS" } });
    expect((await settle({ reject: true }, bo)).status).toBe(403);
  });

  it("the story list counts only an annotator's own spans, and filters by assignment and assignee", async () => {
    const list = await call<StorySearchResult>(storiesRoute.GET, {
      as: ann,
      path: `/api/stories?q=${encodeURIComponent("Ingrid Halvorsen")}&assignee=me&assignment=in_progress&assignment=done&pageSize=100`,
    });
    expect(list.status).toBe(200);
    const hit = list.body.stories.find((st) => st.id === story.id);
    expect(hit).toBeDefined();
    const own = await db.span.count({ where: { articleId: sv.id, layerOwnerId: ann.id, deletedAt: null } });
    const everyone = await db.span.count({ where: { articleId: sv.id, deletedAt: null } });
    expect(own).toBeLessThan(everyone);
    expect(hit!.articles.find((a) => a.id === sv.id)!.spans).toBe(own);
    expect(list.body.facets.assignedToMe).toBeGreaterThanOrEqual(1);
    // Someone with no assignment finds none "assigned to me".
    const admins = await call<StorySearchResult>(storiesRoute.GET, {
      as: admin,
      path: `/api/stories?q=${encodeURIComponent("Ingrid Halvorsen")}&assignee=me`,
    });
    expect(admins.body.stories.map((st) => st.id)).not.toContain(story.id);
    const unassigned = await call<StorySearchResult>(storiesRoute.GET, {
      as: admin,
      path: `/api/stories?q=${encodeURIComponent("Ingrid Halvorsen")}&assignment=unassigned`,
    });
    expect(unassigned.body.stories.map((st) => st.id)).not.toContain(story.id);
  });
});
