/**
 * The store against an in-memory stand-in for the mutation route (the real
 * route is exercised in tests/integration/annotate-client.test.ts): it keeps
 * versions and applied mutation ids the way the server does, and can lose
 * answers or the network on demand.
 */
import { describe, expect, it } from "vitest";
import { AnnotationStore } from "./store";
import { describeEdit } from "./describe";
import type { Transport } from "./transport";
import type { MutationResult, SpanDTO, SpanMutation } from "./types";
import type { QueueStorage } from "./persist";

const ed = { id: "u1", name: "Ed" };
const A = "a1";

class FakeServer {
  spans = new Map<string, SpanDTO>();
  applied = new Map<string, string>(); // mutationId → spanId
  calls = 0;
  /** "before": the network fails before the server sees the request; "after": the answer is lost. */
  fail: "before" | "after" | "500" | null = null;

  transport: Transport = async (_articleId, mutations) => {
    this.calls++;
    if (this.fail === "before") throw new TypeError("Failed to fetch");
    if (this.fail === "500") return { status: 500, body: { error: { code: "INTERNAL", message: "boom" } } };
    const results = mutations.map((m) => this.apply(m));
    if (this.fail === "after") throw new TypeError("Failed to fetch");
    return { status: 200, body: { results } };
  };

  apply(m: SpanMutation): MutationResult {
    const spanId = m.type === "create" ? m.span.id : m.spanId;
    if (this.applied.has(m.mutationId))
      return { mutationId: m.mutationId, ok: true, span: this.spans.get(spanId)!, replayed: true };
    const now = new Date().toISOString();
    const cur = this.spans.get(spanId);
    if (m.type === "create") {
      if (m.span.quote === "bad")
        return {
          mutationId: m.mutationId,
          ok: false,
          error: { code: "QUOTE_MISMATCH", message: "The quote differs", status: 400 },
        };
      const s: SpanDTO = {
        ...m.span,
        labelId: m.span.labelId ?? null,
        entityId: m.span.entityId ?? null,
        claimId: m.span.claimId ?? null,
        source: m.span.source ?? "MANUAL",
        revision: 1,
        prefix: "",
        suffix: "",
        reviewStatus: "PENDING",
        orphaned: false,
        version: 1,
        createdBy: ed,
        updatedBy: ed,
        createdAt: now,
        updatedAt: now,
      };
      this.spans.set(s.id, s);
    } else {
      if (!cur)
        return { mutationId: m.mutationId, ok: false, error: { code: "NOT_FOUND", message: "no span", status: 404 } };
      if (cur.version !== m.baseVersion)
        return {
          mutationId: m.mutationId,
          ok: false,
          error: { code: "VERSION_CONFLICT", message: "changed meanwhile", status: 409, current: cur },
        };
      const next: SpanDTO = { ...cur, version: cur.version + 1, updatedAt: now };
      if (m.type === "update") Object.assign(next, m.patch);
      if (m.type === "delete") next.deletedAt = now;
      if (m.type === "restore") delete next.deletedAt;
      this.spans.set(spanId, next);
    }
    this.applied.set(m.mutationId, spanId);
    return { mutationId: m.mutationId, ok: true, span: this.spans.get(spanId)!, replayed: false };
  }

  /** Another editor's change, straight on the server. */
  edit(spanId: string, patch: Partial<SpanDTO>) {
    const cur = this.spans.get(spanId)!;
    this.spans.set(spanId, { ...cur, ...patch, version: cur.version + 1 });
  }
}

function memoryStorage(): QueueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    key: (i) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    },
  };
}

function setup(spans: SpanDTO[] = [], storage: QueueStorage | null = memoryStorage()) {
  const server = new FakeServer();
  for (const s of spans) server.spans.set(s.id, s);
  const store = new AnnotationStore({
    spans,
    user: ed,
    transport: server.transport,
    storage,
    batchDelayMs: 10_000,
    retryDelayMs: 10_000,
  });
  return { server, store };
}

const newSpan = { articleId: A, start: 0, end: 5, quote: "Hello", kind: "ENTITY" as const, labelId: "org" };
const spans = (store: AnnotationStore) => store.getSnapshot().spansByArticle[A] ?? [];

describe("AnnotationStore", () => {
  it("applies an edit at once and saves it in the background", async () => {
    const { server, store } = setup();
    const id = store.create(newSpan);
    expect(spans(store)).toMatchObject([{ id, labelId: "org", version: 0 }]);
    expect(store.getSnapshot().pending).toBe(1);
    expect(await store.flush()).toBe(true);
    expect(spans(store)[0]!.version).toBe(1);
    expect(server.spans.get(id)).toMatchObject({ labelId: "org" });
  });

  it("sends follow-up edits of one span against the version the previous one produced", async () => {
    const { server, store } = setup();
    const id = store.create(newSpan);
    store.update(id, { labelId: "per" });
    store.update(id, { labelId: "gpe" });
    expect(await store.flush()).toBe(true);
    expect(server.spans.get(id)).toMatchObject({ labelId: "gpe", version: 3 });
    expect(server.calls).toBe(3);
  });

  it("retries after the network fails before or after the server applied, never applying twice", async () => {
    for (const fail of ["before", "after", "500"] as const) {
      const { server, store } = setup();
      const id = store.create(newSpan);
      store.update(id, { labelId: "per" });
      server.fail = fail;
      expect(await store.flush()).toBe(false);
      expect(store.getSnapshot()).toMatchObject({ pending: 2, offline: fail !== "500", retrying: fail === "500" });
      expect(spans(store)[0]!.labelId).toBe("per"); // still shown
      server.fail = null;
      expect(await store.flush()).toBe(true);
      expect(server.applied.size).toBe(2);
      expect(server.spans.get(id)).toMatchObject({ labelId: "per", version: 2 });
      expect(store.getSnapshot().offline).toBe(false);
    }
  });

  it("rolls a refused edit back, with what was built on it, and keeps the server's message", async () => {
    const { store } = setup();
    const id = store.create({ ...newSpan, quote: "bad" });
    store.update(id, { labelId: "per" });
    await store.flush();
    expect(spans(store)).toEqual([]);
    expect(store.getSnapshot().pending).toBe(0);
    expect(store.getSnapshot().errors).toMatchObject([
      { code: "QUOTE_MISMATCH", message: "The quote differs", spanId: id },
    ]);
  });

  it("shows a version conflict with the server's value and lets the editor keep theirs or mine", async () => {
    const { server, store } = setup();
    const id = store.create(newSpan);
    await store.flush();
    server.edit(id, { labelId: "loc" }); // another editor
    store.update(id, { labelId: "per" });
    await store.flush();
    const [conflict] = store.getSnapshot().conflicts;
    expect(conflict).toMatchObject({ spanId: id, theirs: { labelId: "loc", version: 2 }, mine: { labelId: "per" } });
    expect(spans(store)[0]!.labelId).toBe("loc"); // the server's current value is what shows
    store.resolveConflict(id, "mine");
    await store.flush();
    expect(server.spans.get(id)).toMatchObject({ labelId: "per", version: 3 });
    expect(store.getSnapshot().conflicts).toEqual([]);
  });

  it("undoes and redoes create, relabel and delete as inverse mutations", async () => {
    const { server, store } = setup();
    const id = store.create(newSpan);
    store.update(id, { labelId: "per" });
    store.remove(id);
    await store.flush();
    expect(server.spans.get(id)!.deletedAt).toBeDefined();
    store.undo(); // restore
    expect(spans(store)[0]!.labelId).toBe("per");
    store.undo(); // back to org
    store.undo(); // the create: deleted
    expect(spans(store)).toEqual([]);
    expect(store.getSnapshot()).toMatchObject({ canUndo: false, canRedo: true });
    store.redo();
    store.redo();
    await store.flush();
    expect(server.spans.get(id)).toMatchObject({ labelId: "per" });
    expect(server.spans.get(id)!.deletedAt).toBeUndefined();
    // A new edit clears redo.
    store.update(id, { labelId: "gpe" });
    expect(store.getSnapshot().canRedo).toBe(false);
  });

  it("says what undo and redo did", async () => {
    const { store } = setup();
    const name = (id: string | null) => ({ org: "Organisation", per: "Person" })[id ?? ""] ?? "no label";
    expect(describeEdit("undo", store.undo(), name)).toBe("Nothing to undo.");
    const id = store.create(newSpan);
    store.update(id, { labelId: "per" });
    expect(describeEdit("undo", store.undo(), name)).toBe(`Undone: relabelling “${newSpan.quote}” as Person.`);
    expect(describeEdit("redo", store.redo(), name)).toBe(`Redone: relabelling “${newSpan.quote}” as Person.`);
    expect(describeEdit("redo", store.redo(), name)).toBe("Nothing to redo.");
    store.remove(id);
    expect(describeEdit("undo", store.undo(), name)).toBe(`Undone: deleting “${newSpan.quote}”.`);
    store.undo();
    expect(describeEdit("undo", store.undo(), name)).toBe(`Undone: tagging “${newSpan.quote}” as Organisation.`);
    expect(describeEdit("redo", store.redo(), name)).toBe(`Redone: tagging “${newSpan.quote}” as Organisation.`);
    store.transaction(() => {
      store.update(id, { reviewStatus: "APPROVED" });
      store.create({ ...newSpan, start: 0, end: 1, quote: "x" });
    });
    expect(describeEdit("undo", store.undo(), name)).toBe(
      `Undone: marking “${newSpan.quote}” approved and 1 more change.`,
    );
    await store.flush();
  });

  it("keeps the queue across a reload and sends it once", async () => {
    const storage = memoryStorage();
    const { server, store } = setup([], storage);
    const id = store.create(newSpan);
    server.fail = "after"; // applied, answer lost
    await store.flush();
    store.dispose();
    expect(storage.data.size).toBe(1);
    // The page reloads: the server's spans plus what was queued.
    const again = new AnnotationStore({
      spans: [...server.spans.values()],
      user: ed,
      transport: server.transport,
      storage,
      batchDelayMs: 10_000,
    });
    expect(again.getSnapshot().pending).toBe(1);
    expect(again.getServerSnapshot().pending).toBe(0); // hydration renders what the server rendered
    server.fail = null;
    expect(await again.flush()).toBe(true);
    expect(server.applied.size).toBe(1);
    expect(storage.data.size).toBe(0);
    expect(spans(again)).toMatchObject([{ id, version: 1 }]);
  });

  it("merges a fresh server list without losing queued edits", async () => {
    const { server, store } = setup();
    const a = store.create(newSpan);
    const b = store.create({ ...newSpan, start: 6, end: 11, quote: "world" });
    await store.flush();
    store.update(a, { labelId: "per" }); // queued, not sent
    server.edit(a, { labelId: "loc" });
    server.spans.delete(b); // deleted elsewhere
    store.merge(A, [...server.spans.values()]);
    expect(spans(store)).toMatchObject([{ id: a, labelId: "per" }]);
  });

  it("loads more of an article's spans beside those it holds, keeping queued edits and newer versions", async () => {
    const { server, store } = setup();
    const a = store.create(newSpan);
    const b = store.create({ ...newSpan, start: 6, end: 11, quote: "world" });
    await store.flush();
    store.update(a, { labelId: "per" }); // queued, not sent
    const known = spans(store).find((s) => s.id === b)!;
    const later = { ...known, id: "later-1", start: 12, end: 15, quote: "yes", version: 1 };
    // The list loaded has an older b, the server's a without the queued edit, and one span more.
    store.load([{ ...known, labelId: "old", version: 0 }, { ...server.spans.get(a)!, labelId: "loc" }, later]);
    expect(spans(store)).toMatchObject([
      { id: a, labelId: "per" },
      { id: b, labelId: known.labelId },
      { id: "later-1", quote: "yes" },
    ]);
  });

  it("publishes a new immutable snapshot per change and none otherwise", () => {
    const { store } = setup();
    const before = store.getSnapshot();
    let calls = 0;
    store.subscribe(() => calls++);
    store.transaction(() => {
      const id = store.create(newSpan);
      store.update(id, { entityId: "e1" });
    });
    expect(calls).toBe(1);
    expect(store.getSnapshot()).not.toBe(before);
    expect(before.spansByArticle[A]).toBeUndefined();
    store.undo();
    expect(spans(store)).toEqual([]);
  });

  it("keeps the parts of a snapshot that did not change, so their subscribers do not re-render", () => {
    const { store } = setup();
    const first = store.create(newSpan);
    const before = store.getSnapshot();
    store.update(first, { labelId: "per" }); // the same span stays pending
    const after = store.getSnapshot();
    expect(after.pendingSpanIds).toBe(before.pendingSpanIds);
    expect(after.conflicts).toBe(before.conflicts);
    store.create({ ...newSpan, start: 6, end: 9, quote: "wor" });
    expect(store.getSnapshot().pendingSpanIds).not.toBe(after.pendingSpanIds);
    expect(store.getSnapshot().pendingSpanIds.size).toBe(2);
  });

  it("keeps each article's list in text order when edits patch it, as a full rebuild would", () => {
    const { store } = setup();
    const ids: string[] = [];
    for (let k = 0; k < 40; k++)
      ids.push(store.create({ ...newSpan, start: (k * 7) % 23, end: ((k * 7) % 23) + 1 + (k % 3), quote: "x" }));
    store.update(ids[3]!, { start: 50, end: 52 });
    store.remove(ids[5]!);
    store.update(ids[9]!, { labelId: "per" });
    store.undo();
    const list = spans(store);
    expect(list.map((s) => s.id)).toEqual(
      [...list].sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1)).map((s) => s.id),
    );
    expect(list).toHaveLength(39);
    expect(list.find((s) => s.id === ids[3])).toMatchObject({ start: 50, end: 52 });
    expect(list.find((s) => s.id === ids[9])).toMatchObject({ labelId: "org" });
  });

  it("patches the list to what a full sort gives, through creates, moves, deletes, undo and transactions", () => {
    const { store } = setup();
    let x = 7;
    const rand = (n: number) => (x = (x * 1103515245 + 12345) % 2 ** 31) % n;
    const ids: string[] = [];
    for (let step = 0; step < 400; step++) {
      const alive = ids.filter((id) => store.getSpan(id));
      const op = rand(6);
      if (op < 2 || alive.length < 3) {
        const start = rand(100);
        ids.push(store.create({ ...newSpan, start, end: start + 1 + rand(5), quote: "x" }));
      } else if (op === 2) {
        const start = rand(100);
        store.update(alive[rand(alive.length)]!, { start, end: start + 1 + rand(5) });
      } else if (op === 3) store.remove(alive[rand(alive.length)]!);
      else if (op === 4) store.undo();
      else
        store.transaction(() => {
          const a = alive[rand(alive.length)]!;
          const b = alive.find((id) => id !== a)!;
          store.update(a, { start: rand(100), end: 101 });
          store.remove(b);
          ids.push(store.create({ ...newSpan, start: rand(100), end: 102, quote: "y" }));
        });
      const list = spans(store);
      const expected = ids
        .map((id) => store.getSpan(id))
        .filter((span) => span !== undefined)
        .sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : 1));
      expect(list.map((span) => span.id)).toEqual(expected.map((span) => span.id));
      expect(list.every((span, i) => span === expected[i])).toBe(true);
    }
  });

  it("comes back to life after a dispose (React StrictMode unmounts and remounts)", async () => {
    const { server, store } = setup();
    store.dispose();
    store.subscribe(() => {});
    const id = store.create(newSpan);
    expect(await store.flush()).toBe(true);
    expect(server.spans.has(id)).toBe(true);
  });

  it("a new page adopts the queues of every closed tab of the same user, and sends each mutation once", async () => {
    const storage = memoryStorage();
    const server = new FakeServer();
    const open = () =>
      new AnnotationStore({ spans: [], user: ed, transport: server.transport, storage, batchDelayMs: 10_000 });
    const [tab1, tab2] = [open(), open()];
    server.fail = "before";
    const a = tab1.create(newSpan);
    const b = tab2.create({ ...newSpan, start: 6, end: 11, quote: "world" });
    await tab1.flush();
    await tab2.flush();
    tab1.dispose();
    tab2.dispose();
    expect(storage.data.size).toBe(2);
    server.fail = null;
    const next = open();
    expect(next.getSnapshot().pending).toBe(2);
    expect(await next.flush()).toBe(true);
    expect([...server.spans.keys()].sort()).toEqual([a, b].sort());
    expect(server.applied.size).toBe(2);
    expect(storage.data.size).toBe(0);
  });

  it("keeping theirs settles a conflict without sending anything", async () => {
    const { server, store } = setup();
    const id = store.create(newSpan);
    await store.flush();
    server.edit(id, { labelId: "loc" });
    store.remove(id); // against version 1: refused, someone changed it meanwhile
    await store.flush();
    expect(store.getSnapshot().conflicts).toMatchObject([{ spanId: id, mine: { deletedAt: expect.any(String) } }]);
    expect(spans(store)).toMatchObject([{ id, labelId: "loc" }]); // still there, as the other editor left it
    const calls = server.calls;
    store.resolveConflict(id, "theirs");
    expect(await store.flush()).toBe(true);
    expect(server.calls).toBe(calls);
    expect(store.getSnapshot().conflicts).toEqual([]);
    expect(server.spans.get(id)).toMatchObject({ labelId: "loc", version: 2 });
  });

  it("a mutation the server failed on (INTERNAL) waits for the next round instead of looping", async () => {
    const { server, store } = setup();
    const id = store.create(newSpan);
    const apply = server.apply.bind(server);
    let failing = true;
    server.apply = (m) =>
      failing
        ? { mutationId: m.mutationId, ok: false, error: { code: "INTERNAL", message: "db down", status: 500 } }
        : apply(m);
    expect(await store.flush()).toBe(false);
    expect(server.calls).toBe(1);
    expect(store.getSnapshot()).toMatchObject({ pending: 1, retrying: true, errors: [] });
    failing = false;
    expect(await store.flush()).toBe(true);
    expect(server.spans.has(id)).toBe(true);
    expect(store.getSnapshot().retrying).toBe(false);
  });
});

describe("AnnotationStore.applyRemote (other editors' changes, live)", () => {
  const other = { id: "u2", name: "Olga" };

  it("paints new, changed and deleted spans by version, ignoring older ones and repeats", async () => {
    const { server, store } = setup();
    const id = store.create(newSpan);
    await store.flush();
    const theirs = { ...server.spans.get(id)!, id: "s-theirs", start: 6, end: 9, quote: "wor", updatedBy: other };
    store.applyRemote([theirs]);
    expect(spans(store).map((s) => s.id)).toEqual([id, "s-theirs"]);
    store.applyRemote([{ ...theirs, version: 2, labelId: "per" }]);
    store.applyRemote([theirs]); // an older version, replayed: changes nothing
    expect(store.getSpan("s-theirs")).toMatchObject({ labelId: "per", version: 2 });
    store.applyRemote([{ ...theirs, version: 3, deletedAt: new Date().toISOString() }]);
    expect(spans(store).map((s) => s.id)).toEqual([id]);
    expect(store.getSnapshot().remoteCount).toBe(3);
  });

  it("publishes nothing for a replay of known versions, and a refresh for other changes", async () => {
    const { server, store } = setup();
    const id = store.create(newSpan);
    await store.flush();
    const before = store.getSnapshot();
    let heard = 0;
    store.subscribe(() => heard++);
    store.applyRemote([server.spans.get(id)!]);
    store.applyRemote([]);
    expect(store.getSnapshot()).toBe(before);
    expect(heard).toBe(0);
    store.applyRemote([server.spans.get(id)!], true); // with an entity or claim change: the sidebar refreshes
    expect(heard).toBe(1);
    expect(store.getSnapshot().remoteCount).toBe(before.remoteCount + 1);
  });

  it("turns another editor's change to a span with unsaved edits into a conflict at once", async () => {
    const { server, store } = setup();
    const id = store.create(newSpan);
    await store.flush();
    store.update(id, { labelId: "per" }); // not sent yet
    const theirs = { ...server.spans.get(id)!, version: 2, labelId: "gpe", updatedBy: other };
    store.applyRemote([theirs]);
    const snap = store.getSnapshot();
    expect(snap.conflicts).toMatchObject([{ spanId: id, theirs: { labelId: "gpe" }, mine: { labelId: "per" } }]);
    expect(snap.pending).toBe(0);
    expect(store.getSpan(id)).toMatchObject({ labelId: "gpe" }); // theirs is shown
  });

  it("leaves this editor's own unsaved span alone when its echo arrives first", () => {
    const { store } = setup();
    const id = store.create(newSpan);
    const echo = { ...store.getSpan(id)!, version: 1, updatedBy: ed };
    store.applyRemote([echo]);
    expect(store.getSnapshot().conflicts).toEqual([]);
    expect(store.getSnapshot().pending).toBe(1);
  });
});
