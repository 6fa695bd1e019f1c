import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withRequestHeaders } from "@/lib/auth/current-user";
import { DEMO_STORY } from "@/lib/demo/newsroom";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { importJsonl } from "@/lib/import";
import { listArticleSpans } from "@/lib/annotation/spans";
import { decodeSpans, unpackSpans, type PackedSpans } from "@/lib/reader/span-pack";
import * as laterRoute from "@/app/api/articles/[id]/spans/later/route";
import { HEAD_CODE_POINTS, LATER_PART, loadLaterSpans, loadStoryView } from "@/lib/reader/story-view";
import { generate } from "../support/long-article";
import { sliceCodePoints } from "@/lib/text/code-points";
import { saveAlignmentAction } from "@/app/(app)/stories/[key]/actions";
import { corpusArticles, toJsonl } from "./corpus";
import { testDb } from "./db";
import { createUser, headersOf, sessionCookie } from "./support/users";
import { anonymous, call, signedIn, type Caller } from "./support/api";

const db = testDb();

/** The sizes of the parts `total` later spans come in. */
const partSizes = (total: number) =>
  Array.from({ length: Math.ceil(total / LATER_PART) }, (_, k) => Math.min(LATER_PART, total - k * LATER_PART));
const PREFIX = "reader-";
const talks = `${PREFIX}fixture-tidal-talks-2025`;

beforeAll(async () => {
  await seedDemoNewsroom(db);
  await importJsonl(db, { content: toJsonl(corpusArticles({ prefix: PREFIX })) });
});

describe("loadStoryView", () => {
  it("opens the versions named in the URL, in that order, with paragraphs, spans and alignments", async () => {
    const view = (await loadStoryView(db, talks, "sv,en,fr"))!;
    expect(view.story.key).toBe(talks);
    expect(view.versions.map((v) => v.language)).toEqual(["en", "fr", "sv"]);
    expect(view.panes.map((p) => p.language)).toEqual(["sv", "en", "fr"]);
    const [sv, en, fr] = view.panes;
    expect([sv!.paragraphs.length, fr!.paragraphs.length]).toEqual([15, 8]);
    expect(en!.title).toBeNull();
    expect([sv!.dir, sv!.cjk, sv!.script]).toEqual(["ltr", false, "Latn"]);
    // Gold spans, exactly as the annotation API gives them, code points over the text.
    expect(decodeSpans(sv!.spans, sv!.id, sv!.text).length).toBeGreaterThan(5);
    for (const pane of view.panes) {
      const spans = decodeSpans(pane.spans, pane.id, pane.text);
      expect(spans).toEqual((await listArticleSpans(db, pane.id)).spans);
      for (const span of spans) expect(sliceCodePoints(pane.text, span.start, span.end)).toBe(span.quote);
    }
    // Every pair of panes is aligned; Swedish paragraph k+3 is French k.
    expect(view.alignments.map((a) => [a.left, a.right])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    const svFr = view.alignments.find((a) => a.left === 0 && a.right === 2)!;
    expect(svFr.beads).toContainEqual({ a: [3], b: [0], source: "auto" });
    expect(svFr.corrected).toBe(false);
    expect(view.taxonomy.labels.map((l) => l.key)).toContain("ORG");
  });

  it("takes article ids, skips unknown names and repeats, and defaults to the first three versions", async () => {
    const all = (await loadStoryView(db, DEMO_STORY.key))!;
    expect(all.versions.map((v) => v.language)).toEqual(["ar", "en", "fr", "sv", "zh-Hans"]);
    expect(all.panes.map((p) => p.language)).toEqual(["ar", "en", "fr"]);
    const zh = all.versions.find((v) => v.language === "zh-Hans")!;
    const view = (await loadStoryView(db, DEMO_STORY.key, `${zh.id},xx,ZH-HANS,ar,sv,en,fr`))!;
    expect(view.panes.map((p) => p.language)).toEqual(["zh-Hans", "ar", "sv", "en"]);
    expect(view.panes.map((p) => [p.dir, p.cjk])).toEqual([
      ["ltr", true],
      ["rtl", false],
      ["ltr", false],
      ["ltr", false],
    ]);
  });

  it("sends spans with their authors, packed, exactly as the API reads them", async () => {
    const editor = await createUser(db, "EDITOR");
    const view = (await loadStoryView(db, talks, "en"))!;
    const [first] = decodeSpans(view.panes[0]!.spans, view.panes[0]!.id, view.panes[0]!.text);
    await db.span.update({ where: { id: first!.id }, data: { createdById: editor.id, updatedById: editor.id } });
    // Spans whose quote or context is not what the text says there travel with them.
    const [, second, third] = decodeSpans(view.panes[0]!.spans, view.panes[0]!.id, view.panes[0]!.text);
    await db.span.update({ where: { id: second!.id }, data: { orphaned: true, quote: "gone «quote»" } });
    await db.span.update({ where: { id: third!.id }, data: { prefix: `x${third!.prefix}` } });
    const again = (await loadStoryView(db, talks, "en"))!;
    const spans = decodeSpans(again.panes[0]!.spans, again.panes[0]!.id, again.panes[0]!.text);
    expect(spans).toEqual((await listArticleSpans(db, again.panes[0]!.id)).spans);
    expect(spans.find((s) => s.id === first!.id)!.createdBy).toEqual({ id: editor.id, name: editor.name });
    expect(JSON.parse(again.panes[0]!.spans).users).toHaveLength(1);
    expect(spans.find((s) => s.id === second!.id)).toMatchObject({ orphaned: true, quote: "gone «quote»" });
    expect(Object.keys(JSON.parse(again.panes[0]!.spans).contexts)).toHaveLength(2);
  });

  it("sends a long article's first spans with the page; the reader fetches the others, together all of them", async () => {
    const long = generate(120_000, 2 * LATER_PART + 1_500, 7);
    await importJsonl(db, {
      content: toJsonl([
        { external_id: `${PREFIX}long`, story: `${PREFIX}long`, language: "en", text: long.text, spans: long.spans },
      ]),
    });
    const view = (await loadStoryView(db, `${PREFIX}long`, "en"))!;
    const pane = view.panes[0]!;
    expect(pane.headEnd).toBeGreaterThanOrEqual(HEAD_CODE_POINTS);
    expect(pane.headEnd).toBe(pane.paragraphs.find((p) => p.end >= HEAD_CODE_POINTS)!.end);
    const head = decodeSpans(pane.spans, pane.id, pane.text);
    const viewer = await signedIn(db, "VIEWER");
    const later = await call<PackedSpans[]>(laterRoute.GET, {
      as: viewer,
      params: { id: pane.id },
      search: { from: String(pane.headEnd), revision: String(pane.revision) },
    });
    expect(later.status).toBe(200);
    // In parts of LATER_PART spans, one JSON line each.
    const decoded = later.body.map((part) => unpackSpans(part, pane.id, pane.text));
    expect(decoded.length).toBeGreaterThan(1);
    expect(decoded.map((part) => part.length)).toEqual(partSizes(decoded.flat().length));
    const rest = decoded.flat();
    expect(head.every((s) => s.start < pane.headEnd!)).toBe(true);
    expect(rest.every((s) => s.start >= pane.headEnd!)).toBe(true);
    expect(head.length).toBeGreaterThan(100);
    expect(rest.length).toBeGreaterThan(100);
    expect([...head, ...rest]).toEqual((await listArticleSpans(db, pane.id)).spans);
    // The domain function gives the same, packed as the page packs.
    const parts = await loadLaterSpans(db, pane.id, { from: pane.headEnd!, revision: pane.revision });
    expect(parts.map((part) => JSON.parse(part) as unknown)).toEqual(later.body);
    // A short article's spans all come with the page.
    const short = (await loadStoryView(db, talks, "en"))!;
    expect(short.panes[0]!.headEnd).toBeNull();
  });

  it("refuses later spans for another revision of the text, a bad offset, an unknown article, or no session", async () => {
    const view = (await loadStoryView(db, talks, "en"))!;
    const { id, revision } = view.panes[0]!;
    const viewer = await signedIn(db, "VIEWER");
    const ask = (as: Caller, articleId: string, search: Record<string, string>) =>
      call<{ error: { code: string; message: string } }>(laterRoute.GET, { as, params: { id: articleId }, search });
    const stale = await ask(viewer, id, { from: "0", revision: String(revision + 1) });
    expect([stale.status, stale.body.error.code]).toEqual([409, "REVISION_CHANGED"]);
    expect(stale.body.error.message).toMatch(/reload/);
    for (const from of ["-1", "1.5", "x", ""]) {
      const bad = await ask(viewer, id, { from, revision: String(revision) });
      expect([from, bad.status, bad.body.error.code]).toEqual([from, 400, "INVALID_INPUT"]);
    }
    const missing = await ask(viewer, randomUUID(), { from: "0", revision: "1" });
    expect(missing.status).toBe(404);
    expect((await ask(anonymous, id, { from: "0", revision: String(revision) })).status).toBe(401);
    // The whole short text from 0: every span, as the page sent them.
    const all = await call<PackedSpans[]>(laterRoute.GET, {
      as: viewer,
      params: { id },
      search: { from: "0", revision: String(revision) },
    });
    expect(all.body.flatMap((part) => unpackSpans(part, id, view.panes[0]!.text))).toEqual(
      (await listArticleSpans(db, id)).spans,
    );
  });

  it("is null for an unknown story", async () => {
    expect(await loadStoryView(db, "no-such-story")).toBeNull();
  });
});

describe("saveAlignmentAction", () => {
  it("stores an editor's correction, which the next view shows", async () => {
    const editor = await createUser(db, "EDITOR");
    const { cookie } = await sessionCookie(db, editor.id);
    const before = (await loadStoryView(db, talks, "sv,fr"))!;
    const [sv, fr] = before.panes;
    const result = await withRequestHeaders(headersOf({ cookie }), () =>
      saveAlignmentAction({ articleAId: sv!.id, articleBId: fr!.id, pairs: [[2, 0]] }),
    );
    expect(result.ok).toBe(true);
    const after = (await loadStoryView(db, talks, "fr,sv"))!;
    // Stored once per pair of articles, whichever pane each is in.
    expect(after.alignments[0]!.corrected).toBe(true);
    expect(after.alignments[0]!.beads).toContainEqual({ a: [0], b: [2], source: "editor" });

    const crossing = await withRequestHeaders(headersOf({ cookie }), () =>
      saveAlignmentAction({
        articleAId: sv!.id,
        articleBId: fr!.id,
        pairs: [
          [5, 3],
          [6, 1],
        ],
      }),
    );
    expect(crossing).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    if (!crossing.ok) expect(crossing.error.message).toMatch(/crossing/);

    const reset = await withRequestHeaders(headersOf({ cookie }), () =>
      saveAlignmentAction({ articleAId: sv!.id, articleBId: fr!.id, pairs: [] }),
    );
    expect(reset).toMatchObject({ ok: true, data: { corrected: false } });
  });

  it("refuses a viewer", async () => {
    const viewer = await createUser(db, "VIEWER");
    const { cookie } = await sessionCookie(db, viewer.id);
    const view = (await loadStoryView(db, talks, "sv,fr"))!;
    const result = await withRequestHeaders(headersOf({ cookie }), () =>
      saveAlignmentAction({ articleAId: view.panes[0]!.id, articleBId: view.panes[1]!.id, pairs: [[2, 0]] }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});
