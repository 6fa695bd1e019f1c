import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/articles/[id]/spans/route";
import * as mutationsRoute from "@/app/api/articles/[id]/spans/mutations/route";
import * as historyRoute from "@/app/api/spans/[id]/history/route";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import type { MutationResult } from "@/lib/annotation/spans";
import type { SpanDTO } from "@/lib/annotation/dto";
import type { SpanHistoryEntry } from "@/lib/annotation/history";
import { testDb } from "./db";
import { anonymous, call, createStory, offsetsOf, signedIn, type Caller } from "./support/api";

const db = testDb();

let editor: Caller;
let otherEditor: Caller;
let viewer: Caller;
let labels: Map<string, string>;
let article: { id: string; text: string };

// Text with what breaks naive offsets: a ZWJ family, a flag, a combining mark
// with no precomposed form (q̇ stays two code points in NFC), Arabic with a
// shadda (words the demo does not use, so story searches elsewhere do not
// find this fixture), and an astral CJK character.
const TEXT =
  "Family 👨‍👩‍👧 from 🇸🇪 met Ingrid Halvorsen in Kiel. The q\u0307 mark stays. مدّة قصيرة and 𠀋 too. Kiel again.";

type Results = { results: MutationResult[] };

async function mutate(as: Caller, mutations: unknown[], articleId = article.id) {
  return call<Results>(mutationsRoute.POST, { as, params: { id: articleId }, body: { mutations } });
}

function create(quote: string, over: Record<string, unknown> = {}, from = 0) {
  return {
    type: "create",
    mutationId: randomUUID(),
    span: { id: randomUUID(), articleId: article.id, ...offsetsOf(article.text, quote, from), kind: "ENTITY", ...over },
  };
}

function ok(result: MutationResult | undefined): SpanDTO {
  if (!result?.ok) throw new Error(`mutation failed: ${JSON.stringify(result)}`);
  return result.span;
}

function failure(result: MutationResult | undefined) {
  if (!result || result.ok) throw new Error(`mutation succeeded: ${JSON.stringify(result)}`);
  return result.error as { code: string; message: string; status: number; current?: SpanDTO };
}

beforeAll(async () => {
  await seedDemoNewsroom(db);
  labels = new Map((await db.label.findMany()).map((l) => [l.key, l.id]));
  const { articles } = await createStory(db, [{ language: "en", text: TEXT }]);
  article = articles[0]!;
  editor = await signedIn(db, "EDITOR");
  otherEditor = await signedIn(db, "ADMIN");
  viewer = await signedIn(db, "VIEWER");
});

describe("span mutations", () => {
  it("create, relabel, link, delete and restore, each with a history entry by its author", async () => {
    const created = ok(
      (await mutate(editor, [create("Ingrid Halvorsen", { labelId: labels.get("ORG") })])).body.results[0],
    );
    expect(created).toMatchObject({
      quote: "Ingrid Halvorsen",
      kind: "ENTITY",
      labelId: labels.get("ORG"),
      version: 1,
      source: "MANUAL",
      createdBy: { id: editor.id, name: editor.name },
      prefix: TEXT.slice(0, TEXT.indexOf("Ingrid")).slice(-32),
    });
    expect(created.start).toBe([...TEXT.slice(0, TEXT.indexOf("Ingrid"))].length);

    const relabelled = ok(
      (
        await mutate(editor, [
          {
            type: "update",
            mutationId: randomUUID(),
            spanId: created.id,
            baseVersion: 1,
            patch: { labelId: labels.get("PERSON") },
          },
        ])
      ).body.results[0],
    );
    expect(relabelled).toMatchObject({ labelId: labels.get("PERSON"), version: 2 });

    const ingrid = await db.entity.findUniqueOrThrow({ where: { key: "ingrid-halvorsen" } });
    const linked = ok(
      (
        await mutate(otherEditor, [
          {
            type: "update",
            mutationId: randomUUID(),
            spanId: created.id,
            baseVersion: 2,
            patch: { entityId: ingrid.id },
          },
        ])
      ).body.results[0],
    );
    expect(linked).toMatchObject({ entityId: ingrid.id, version: 3, updatedBy: { id: otherEditor.id } });

    const deleted = ok(
      (await mutate(editor, [{ type: "delete", mutationId: randomUUID(), spanId: created.id, baseVersion: 3 }])).body
        .results[0],
    );
    expect(deleted.version).toBe(4);
    const list = await call<{ spans: SpanDTO[] }>(listRoute.GET, { as: viewer, params: { id: article.id } });
    expect(list.status).toBe(200);
    expect(list.body.spans.map((s) => s.id)).not.toContain(created.id);

    const restored = ok(
      (await mutate(editor, [{ type: "restore", mutationId: randomUUID(), spanId: created.id, baseVersion: 4 }])).body
        .results[0],
    );
    expect(restored).toMatchObject({ version: 5, entityId: ingrid.id, labelId: labels.get("PERSON") });
    const again = await call<{ spans: SpanDTO[] }>(listRoute.GET, { as: viewer, params: { id: article.id } });
    expect(again.body.spans.map((s) => s.id)).toContain(created.id);

    const history = await call<{ history: SpanHistoryEntry[] }>(historyRoute.GET, {
      as: viewer,
      params: { id: created.id },
    });
    expect(history.body.history.map((h) => [h.version, h.action, h.actor?.id, h.changed])).toEqual([
      [1, "CREATE", editor.id, []],
      [2, "UPDATE", editor.id, ["labelId"]],
      [3, "UPDATE", otherEditor.id, ["entityId"]],
      [4, "DELETE", editor.id, ["deleted"]],
      [5, "RESTORE", editor.id, ["deleted"]],
    ]);
    expect(history.body.history[1]!.before).toMatchObject({ labelId: labels.get("ORG") });
    expect(history.body.history[1]!.after).toMatchObject({ labelId: labels.get("PERSON") });
  });

  it("moves a span to new offsets when the quote proves the client saw the same text", async () => {
    const span = ok((await mutate(editor, [create("Kiel", { labelId: labels.get("GPE") })])).body.results[0]);
    const moved = offsetsOf(TEXT, "Kiel again");
    const missingQuote = failure(
      (
        await mutate(editor, [
          {
            type: "update",
            mutationId: randomUUID(),
            spanId: span.id,
            baseVersion: 1,
            patch: { start: moved.start, end: moved.end },
          },
        ])
      ).body.results[0],
    );
    expect(missingQuote.code).toBe("QUOTE_REQUIRED");
    const result = ok(
      (
        await mutate(editor, [
          { type: "update", mutationId: randomUUID(), spanId: span.id, baseVersion: 1, patch: moved },
        ])
      ).body.results[0],
    );
    expect(result).toMatchObject({ quote: "Kiel again", start: moved.start, version: 2, suffix: "." });
  });

  it("adopts the linked entity's type, and resets an approval when the span changes", async () => {
    const kiel = await db.entity.findUniqueOrThrow({ where: { key: "kiel" } });
    const span = ok((await mutate(editor, [create("Kiel", { entityId: kiel.id })])).body.results[0]);
    expect(span.labelId).toBe(kiel.labelId);
    const approved = ok(
      (
        await mutate(editor, [
          {
            type: "update",
            mutationId: randomUUID(),
            spanId: span.id,
            baseVersion: 1,
            patch: { reviewStatus: "APPROVED" },
          },
        ])
      ).body.results[0],
    );
    expect(approved.reviewStatus).toBe("APPROVED");
    const unlinked = ok(
      (
        await mutate(editor, [
          { type: "update", mutationId: randomUUID(), spanId: span.id, baseVersion: 2, patch: { entityId: null } },
        ])
      ).body.results[0],
    );
    expect(unlinked).toMatchObject({ entityId: null, reviewStatus: "PENDING", labelId: kiel.labelId });
  });
});

describe("span validation", () => {
  const cp = (s: string) => [...TEXT.slice(0, TEXT.indexOf(s))].length;

  it.each([
    [
      "out of range",
      () => ({ start: 0, end: [...TEXT].length + 1, quote: TEXT }),
      "OUT_OF_RANGE",
      /lies outside the text/,
    ],
    [
      "inside a ZWJ emoji",
      () => ({ start: cp("👨"), end: cp("👨") + 1, quote: "👨" }),
      "SPLITS_GRAPHEME",
      /end \d+ falls inside/,
    ],
    [
      "between the two halves of a flag",
      () => ({ start: cp("🇸🇪") + 1, end: cp("🇸🇪") + 2, quote: "🇪" }),
      "SPLITS_GRAPHEME",
      /start \d+ falls inside/,
    ],
    [
      "before a combining mark",
      () => ({ start: cp("q\u0307"), end: cp("q\u0307") + 1, quote: "q" }),
      "SPLITS_GRAPHEME",
      /end/,
    ],
    [
      "between a letter and its shadda",
      () => ({ start: cp("مدّ"), end: cp("مدّ") + 2, quote: "مد" }),
      "SPLITS_GRAPHEME",
      /end/,
    ],
    [
      "a quote that is not the text",
      () => ({ start: cp("Ingrid"), end: cp("Ingrid") + 6, quote: "Ingrld" }),
      "QUOTE_MISMATCH",
      /the text there is "Ingrid"/,
    ],
    ["empty", () => ({ start: 3, end: 3, quote: "" }), "EMPTY", /must be greater than start/],
  ])("refuses a span %s with a 400 that says why", async (_name, range, code, message) => {
    const before = await db.span.count({ where: { articleId: article.id } });
    const m = create("Kiel");
    m.span = { ...m.span, ...range() };
    const result = failure((await mutate(editor, [m])).body.results[0]);
    expect(result).toMatchObject({ code, status: 400 });
    expect(result.message).toMatch(message);
    expect(await db.span.count({ where: { articleId: article.id } })).toBe(before);
  });

  it("accepts spans made of whole clusters in every script", async () => {
    const results = (
      await mutate(editor, [
        create("👨‍👩‍👧", { labelId: labels.get("MISC") }),
        create("🇸🇪", { labelId: labels.get("GPE") }),
        create("q\u0307", { labelId: labels.get("MISC") }),
        create("مدّة قصيرة", { labelId: labels.get("MISC") }),
        create("𠀋", { labelId: labels.get("MISC") }),
      ])
    ).body.results;
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    expect(ok(results[4]).start).toBe(cp("𠀋"));
  });

  it("refuses a label of the wrong kind, unknown links and malformed mutations, without blocking the rest", async () => {
    const res = await mutate(editor, [
      create("Ingrid", { labelId: labels.get("CLAIM") }),
      create("Kiel", { kind: "CLAIM", entityId: randomUUID() }),
      create("Kiel", { entityId: randomUUID() }),
      { type: "create", mutationId: "m-bad", span: { id: "not-a-uuid" } },
      { type: "explode", mutationId: "m-worse" },
      create("Halvorsen", { labelId: labels.get("PERSON") }),
    ]);
    expect(res.status).toBe(200);
    const r = res.body.results;
    expect(failure(r[0])).toMatchObject({
      code: "LABEL_KIND_MISMATCH",
      message: "Label CLAIM is for CLAIM spans; this span is an ENTITY span.",
    });
    expect(failure(r[1]).code).toBe("ENTITY_ON_CLAIM_SPAN");
    expect(failure(r[2]).code).toBe("UNKNOWN_ENTITY");
    expect(failure(r[3])).toMatchObject({ code: "INVALID_INPUT", message: "span.id: span.id must be a UUID" });
    expect(r[3]!.mutationId).toBe("m-bad");
    expect(failure(r[4]).code).toBe("INVALID_INPUT");
    expect(ok(r[5]).quote).toBe("Halvorsen");
  });

  it("refuses a batch that is not a batch", async () => {
    const res = await call(mutationsRoute.POST, { as: editor, params: { id: article.id }, body: { mutations: [] } });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
    const notJson = await call(mutationsRoute.POST, { as: editor, params: { id: article.id }, body: "{nope" });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: "INVALID_JSON" } } });
    const missing = await call(mutationsRoute.POST, {
      as: editor,
      params: { id: randomUUID() },
      body: { mutations: [create("Kiel")] },
    });
    expect(missing.status).toBe(404);
  });
});

describe("idempotency and concurrency", () => {
  it("applies a mutation sent twice once: one span, one history row, the second answer a replay", async () => {
    const m = create("Ingrid Halvorsen", { labelId: labels.get("PERSON") });
    const first = ok((await mutate(editor, [m])).body.results[0]);
    const second = (await mutate(editor, [m])).body.results[0]!;
    expect(second).toMatchObject({ ok: true, replayed: true, span: { id: first.id, version: 1 } });
    expect(await db.span.count({ where: { id: m.span.id } })).toBe(1);
    expect(await db.spanRevision.count({ where: { spanId: m.span.id } })).toBe(1);

    const update = {
      type: "update",
      mutationId: randomUUID(),
      spanId: first.id,
      baseVersion: 1,
      patch: { labelId: labels.get("MISC") },
    };
    ok((await mutate(editor, [update])).body.results[0]);
    const replayed = (await mutate(editor, [update])).body.results[0]!;
    expect(replayed).toMatchObject({ ok: true, replayed: true, span: { version: 2 } });
    expect(await db.spanRevision.count({ where: { spanId: m.span.id } })).toBe(2);
  });

  it("settles copies of one mutation fired at the same time: still one span and one history row", async () => {
    const m = create("Kiel", { labelId: labels.get("GPE") });
    const answers = await Promise.all(Array.from({ length: 6 }, () => mutate(editor, [m])));
    const results = answers.map((a) => a.body.results[0]!);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    expect(await db.span.count({ where: { id: m.span.id } })).toBe(1);
    expect(await db.spanRevision.count({ where: { spanId: m.span.id } })).toBe(1);

    const update = {
      type: "update",
      mutationId: randomUUID(),
      spanId: m.span.id,
      baseVersion: 1,
      patch: { labelId: labels.get("LOC") },
    };
    const updates = await Promise.all(Array.from({ length: 6 }, () => mutate(editor, [update])));
    const updateResults = updates.map((a) => a.body.results[0]!);
    expect(updateResults.every((r) => r.ok)).toBe(true);
    expect(updateResults.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    expect(await db.spanRevision.count({ where: { spanId: m.span.id } })).toBe(2);
    expect((await db.span.findUniqueOrThrow({ where: { id: m.span.id } })).version).toBe(2);
  });

  it("never overwrites silently: a stale baseVersion gets VERSION_CONFLICT with the current span, and nothing changes", async () => {
    const span = ok((await mutate(editor, [create("Kiel", { labelId: labels.get("GPE") })])).body.results[0]);
    ok(
      (
        await mutate(editor, [
          {
            type: "update",
            mutationId: randomUUID(),
            spanId: span.id,
            baseVersion: 1,
            patch: { labelId: labels.get("LOC") },
          },
        ])
      ).body.results[0],
    );
    const conflict = failure(
      (
        await mutate(otherEditor, [
          {
            type: "update",
            mutationId: randomUUID(),
            spanId: span.id,
            baseVersion: 1,
            patch: { labelId: labels.get("ORG") },
          },
        ])
      ).body.results[0],
    );
    expect(conflict).toMatchObject({ code: "VERSION_CONFLICT", status: 409 });
    expect(conflict.current).toMatchObject({
      id: span.id,
      version: 2,
      labelId: labels.get("LOC"),
      updatedBy: { id: editor.id },
    });
    const row = await db.span.findUniqueOrThrow({ where: { id: span.id } });
    expect([row.version, row.labelId]).toEqual([2, labels.get("LOC")]);
    expect(await db.spanRevision.count({ where: { spanId: span.id } })).toBe(2);

    // Two editors racing on the same version: exactly one wins.
    const race = await Promise.all(
      ["MISC", "EVENT"].map((key, i) =>
        mutate(i ? otherEditor : editor, [
          {
            type: "update",
            mutationId: randomUUID(),
            spanId: span.id,
            baseVersion: 2,
            patch: { labelId: labels.get(key) },
          },
        ]),
      ),
    );
    const outcomes = race.map((r) => (r.body.results[0]!.ok ? "ok" : failure(r.body.results[0]).code)).sort();
    expect(outcomes).toEqual(["VERSION_CONFLICT", "ok"]);
    expect(await db.spanRevision.count({ where: { spanId: span.id } })).toBe(3);
  });
});

describe("span route authorization", () => {
  it("lets a viewer read but not write, and an anonymous caller neither", async () => {
    expect((await call(listRoute.GET, { as: viewer, params: { id: article.id } })).status).toBe(200);
    expect((await call(listRoute.GET, { as: anonymous, params: { id: article.id } })).status).toBe(401);
    const asViewer = await mutate(viewer, [create("Kiel")]);
    expect(asViewer).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await mutate(anonymous, [create("Kiel")])).status).toBe(401);
  });

  it("refuses a cookie-authenticated write from another site", async () => {
    const res = await call(mutationsRoute.POST, {
      as: { ...editor, cookie: editor.cookie },
      params: { id: article.id },
      body: { mutations: [create("Kiel")] },
      path: "https://elsewhere.example/api/x",
    });
    // The request's own origin differs from the Origin header we send (http://localhost).
    expect(res).toMatchObject({ status: 403, body: { error: { code: "CROSS_SITE_REQUEST" } } });
  });
});
