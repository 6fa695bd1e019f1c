/**
 * The browser's AnnotationStore (lib/annotate-client) driven against the
 * real mutation route handler on the real database, with an API token as
 * the credential. The transport can fail at the network before the request
 * reaches the server or after the server applied it (the answer is lost):
 * either way the retried batch applies exactly once.
 */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as mutationsRoute from "@/app/api/articles/[id]/spans/mutations/route";
import { AnnotationStore, type Transport, type TransportResponse } from "@/lib/annotate-client";
import type { QueueStorage } from "@/lib/annotate-client";
import { listArticleSpans } from "@/lib/annotation/spans";
import { createApiToken } from "@/lib/auth/api-tokens";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import type { Role } from "@/lib/generated/prisma/enums";
import { testDb } from "./db";
import { createStory, offsetsOf } from "./support/api";

const db = testDb();

const TEXT = "Tsinghua University hosted the talks in Beijing. Researchers from Tsinghua University and 🇸🇪 Lund met.";

let article: { id: string; text: string };
let labels: Map<string, string>;

interface Editor {
  user: { id: string; name: string };
  token: string;
}

async function editor(role: Role = "EDITOR"): Promise<Editor> {
  const user = await db.user.create({
    data: { email: `client-${randomBytes(6).toString("hex")}@it.parallax.test`, name: `Client ${role}`, role },
  });
  const { token } = await createApiToken(db, user.id, "annotate-client test");
  return { user: { id: user.id, name: user.name }, token };
}

/** The real route handler behind a switchable network fault. */
function realTransport(e: Editor) {
  const net = { fail: null as "before" | "after" | null, requests: 0 };
  const transport: Transport = async (articleId, mutations) => {
    if (net.fail === "before") throw new TypeError("Failed to fetch");
    net.requests++;
    const req = new NextRequest(`http://localhost/api/articles/${articleId}/spans/mutations`, {
      method: "POST",
      headers: { authorization: `Bearer ${e.token}`, "content-type": "application/json", origin: "http://localhost" },
      body: JSON.stringify({ mutations }),
    });
    const res = await mutationsRoute.POST(req, { params: Promise.resolve({ id: articleId }) } as never);
    const body = (await res.json()) as TransportResponse["body"];
    if (net.fail === "after") throw new TypeError("Failed to fetch"); // applied, but the answer never arrives
    return { status: res.status, body };
  };
  return { net, transport };
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

async function openStore(e: Editor, storage: QueueStorage | null = memoryStorage()) {
  const { net, transport } = realTransport(e);
  const { spans } = await listArticleSpans(db, article.id);
  const store = new AnnotationStore({
    spans,
    user: e.user,
    transport,
    storage,
    batchDelayMs: 60_000, // the test decides when to send (flush)
    retryDelayMs: 60_000,
  });
  return { store, net };
}

function tsinghua(from = 0) {
  return { articleId: article.id, ...offsetsOf(article.text, "Tsinghua University", from), kind: "ENTITY" as const };
}

beforeAll(async () => {
  await seedDemoNewsroom(db);
  labels = new Map((await db.label.findMany()).map((l) => [l.key, l.id]));
  const { articles } = await createStory(db, [{ language: "en", text: TEXT }]);
  article = articles[0]!;
});

describe("AnnotationStore against the real mutation route", () => {
  it("creates, relabels, deletes and undoes (restore) through the server, with history", async () => {
    const { store } = await openStore(await editor());
    const id = store.create({ ...tsinghua(), labelId: labels.get("ORG") });
    store.update(id, { labelId: labels.get("GPE") });
    expect(await store.flush()).toBe(true);
    expect(await db.span.findUnique({ where: { id } })).toMatchObject({ labelId: labels.get("GPE"), version: 2 });

    store.remove(id);
    await store.flush();
    expect((await db.span.findUnique({ where: { id } }))!.deletedAt).not.toBeNull();
    store.undo(); // a restore, not a new span
    store.undo(); // back to ORG
    await store.flush();
    expect(await db.span.findUnique({ where: { id } })).toMatchObject({
      deletedAt: null,
      labelId: labels.get("ORG"),
      version: 5,
    });
    const history = await db.spanRevision.findMany({ where: { spanId: id }, orderBy: { version: "asc" } });
    expect(history.map((h) => h.action)).toEqual(["CREATE", "UPDATE", "DELETE", "RESTORE", "UPDATE"]);
    expect(store.getSnapshot().errors).toEqual([]);
  });

  for (const fail of ["before", "after"] as const) {
    it(`a network failure ${fail} the server applied is retried and applies exactly once`, async () => {
      const { store, net } = await openStore(await editor());
      const id = store.create({ ...tsinghua(20), labelId: labels.get("ORG") });
      store.update(id, { labelId: labels.get("PERSON") });
      net.fail = fail;
      expect(await store.flush()).toBe(false);
      expect(store.getSnapshot()).toMatchObject({ offline: true, pending: 2 });
      expect(store.getSpan(id)!.labelId).toBe(labels.get("PERSON")); // still shown while offline
      expect(await db.span.count({ where: { id } })).toBe(fail === "after" ? 1 : 0);

      net.fail = null;
      expect(await store.flush()).toBe(true);
      expect(store.getSnapshot()).toMatchObject({ offline: false, pending: 0 });
      expect(await db.span.findMany({ where: { id } })).toMatchObject([{ labelId: labels.get("PERSON"), version: 2 }]);
      expect(await db.spanRevision.count({ where: { spanId: id } })).toBe(2);
      await db.span.update({ where: { id }, data: { deletedAt: new Date() } }); // out of the next tests' way
    });
  }

  it("a queue left by a page that lost its answer is sent again after a reload, once", async () => {
    const e = await editor();
    const storage = memoryStorage();
    const first = await openStore(e, storage);
    const id = first.store.create({ ...tsinghua(), labelId: labels.get("ORG") });
    first.net.fail = "after";
    await first.store.flush();
    first.store.dispose();

    const reloaded = await openStore(e, storage);
    expect(reloaded.store.getSnapshot().pending).toBe(1);
    expect(await reloaded.store.flush()).toBe(true);
    expect(await db.span.count({ where: { id } })).toBe(1);
    expect(await db.spanRevision.count({ where: { spanId: id } })).toBe(1);
    expect(storage.data.size).toBe(0);
    reloaded.store.remove(id);
    await reloaded.store.flush();
  });

  it("a refused mutation is rolled back with the server's reason", async () => {
    const { store } = await openStore(await editor());
    const id = store.create({ ...tsinghua(), quote: "Tsinghua Universitx" });
    expect(store.getSpan(id)).toBeDefined();
    await store.flush();
    expect(store.getSpan(id)).toBeUndefined();
    const [error] = store.getSnapshot().errors;
    expect(error).toMatchObject({ code: "QUOTE_MISMATCH", spanId: id });
    expect(error!.message).toMatch(/quote/i);
    expect(await db.span.count({ where: { id } })).toBe(0);
  });

  it("two editors changing one span: the second sees a conflict with the current value, not a lost update", async () => {
    const alice = await openStore(await editor());
    const id = alice.store.create({ ...tsinghua(), labelId: labels.get("ORG") });
    await alice.store.flush();
    const bob = await openStore(await editor("ADMIN"));
    expect(bob.store.getSpan(id)!.version).toBe(1);

    alice.store.update(id, { labelId: labels.get("GPE") });
    bob.store.update(id, { labelId: labels.get("LOC") });
    await alice.store.flush();
    await bob.store.flush();

    const [conflict] = bob.store.getSnapshot().conflicts;
    expect(conflict).toMatchObject({
      spanId: id,
      theirs: { labelId: labels.get("GPE"), version: 2 },
      mine: { labelId: labels.get("LOC") },
    });
    expect(bob.store.getSpan(id)!.labelId).toBe(labels.get("GPE"));
    expect(await db.span.findUnique({ where: { id } })).toMatchObject({ labelId: labels.get("GPE"), version: 2 });

    bob.store.resolveConflict(id, "mine");
    await bob.store.flush();
    expect(await db.span.findUnique({ where: { id } })).toMatchObject({ labelId: labels.get("LOC"), version: 3 });
    expect(bob.store.getSnapshot().conflicts).toEqual([]);
  });

  it("a viewer's batch is refused whole and rolled back", async () => {
    const { store } = await openStore(await editor("VIEWER"));
    const id = store.create({ ...tsinghua(), labelId: labels.get("ORG") });
    await store.flush();
    expect(store.getSpan(id)).toBeUndefined();
    expect(store.getSnapshot().errors[0]).toMatchObject({ code: "FORBIDDEN" });
  });
});
