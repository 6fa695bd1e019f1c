/** POST /api/articles/[id]/revisions: a new text through lib/revisions, spans carried or flagged. */
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/generated/prisma/enums";
import { importJsonl } from "@/lib/import";
import { POST } from "@/app/api/articles/[id]/revisions/route";
import { toJsonl } from "./corpus";
import { testDb } from "./db";
import { createUser } from "./support/users";

const db = testDb();

async function tokenFor(role: Role): Promise<string> {
  const user = await createUser(db, role);
  return (await createApiToken(db, user.id, "revisions-http")).token;
}

async function revise(token: string, id: string, body: unknown) {
  const req = new NextRequest(`http://localhost/api/articles/${id}/revisions`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = await POST(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const TEXT = "Kiel harbour reopened on Monday. The Baltic Ferry Company said traffic would resume.";
let editor: string;
let articleId: string;

beforeAll(async () => {
  editor = await tokenFor("EDITOR");
  const tag = randomBytes(4).toString("hex");
  const report = await importJsonl(db, {
    content: toJsonl([
      {
        external_id: `rev-http-${tag}`,
        story: `rev-http-${tag}`,
        language: "en",
        title: "Harbour reopens",
        text: TEXT,
        spans: [
          { start: 0, end: 4, text: "Kiel", kind: "entity", label: "GPE", entity: `kiel-${tag}` },
          { start: 37, end: 57, text: "Baltic Ferry Company", kind: "entity", label: "ORG", entity: `bfc-${tag}` },
        ],
      },
    ]),
  });
  expect(report.imported).toBe(1);
  articleId = (await db.article.findUniqueOrThrow({ where: { externalId: `rev-http-${tag}` } })).id;
});

describe("POST /api/articles/[id]/revisions", () => {
  it("makes a new revision, carrying the spans it can place and flagging the others", async () => {
    const res = await revise(editor, articleId, {
      text: "After the storm, Kiel harbour reopened on Monday. Ferries resume.",
      title: "Harbour reopens after the storm",
      expectedRevision: 1,
      note: "rewritten by the desk",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: true, revision: 2, titleChanged: true });
    const spans = res.body.spans as { context: number; nearest: number; orphaned: { quote: string }[] };
    expect(spans.context + spans.nearest).toBe(1);
    expect(spans.orphaned.map((o) => o.quote)).toEqual(["Baltic Ferry Company"]);

    const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(article).toMatchObject({ revision: 2, title: "Harbour reopens after the storm" });
    const kiel = await db.span.findFirstOrThrow({ where: { articleId, quote: "Kiel" } });
    expect(kiel).toMatchObject({ start: 17, end: 21, revision: 2, orphaned: false });
    const orphan = await db.span.findFirstOrThrow({ where: { articleId, quote: "Baltic Ferry Company" } });
    expect(orphan).toMatchObject({ start: 37, end: 57, revision: 1, orphaned: true });
    const revision = await db.articleRevision.findFirstOrThrow({ where: { articleId, revision: 2 } });
    expect(revision.note).toBe("rewritten by the desk");
    const event = await db.auditEvent.findFirst({ where: { action: "article.revised", targetId: articleId } });
    expect(event?.after).toMatchObject({ revision: 2, title: "Harbour reopens after the storm" });
  });

  it("refuses an edit made on an older revision, changing nothing", async () => {
    const res = await revise(editor, articleId, { text: "Something else entirely.", expectedRevision: 1 });
    expect(res.status).toBe(409);
    expect((res.body.error as { message: string }).message).toMatch(/revision 2, not 1/);
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).revision).toBe(2);
  });

  it("the same text is no new revision; an empty or missing text is refused", async () => {
    const current = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    const same = await revise(editor, articleId, { text: current.text });
    expect(same.body).toMatchObject({ changed: false, revision: 2, titleChanged: false });
    expect((await revise(editor, articleId, { text: "  " })).status).toBe(422);
    expect((await revise(editor, articleId, {})).status).toBe(400);
  });

  it("refuses viewers and unknown articles", async () => {
    expect((await revise(await tokenFor("VIEWER"), articleId, { text: "x" })).status).toBe(403);
    expect((await revise(editor, "00000000-0000-4000-8000-000000000000", { text: "x" })).status).toBe(404);
  });
});
