/**
 * An article edit (new text and title) is saved whole or not at all: a title
 * that cannot be saved leaves no new revision behind, a retry of the same
 * edit succeeds, and every saved edit has its audit event. Titles are cleaned
 * as imported ones are (lib/articles/prepare.ts cleanField).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { POST as reviseRoute } from "@/app/api/articles/[id]/revisions/route";
import { cleanField } from "@/lib/articles/prepare";
import { editArticle } from "@/lib/revisions/edit";
import { testDb } from "./db";
import { call, createStory, signedIn, type Caller } from "./support/api";

const db = testDb();
const TEXT = "The ferry to Holmsund left at dawn.\n\nIt came back at noon.";
const REFUSED = "A title the database refuses";

let editor: Caller;
let editorEmail: string;

beforeAll(async () => {
  editor = await signedIn(db, "EDITOR");
  editorEmail = (await db.user.findUniqueOrThrow({ where: { id: editor.id } })).email;
  // Stands in for any failure while the title is written (a constraint, a trigger, a lost connection).
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION it_refuse_title() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'title refused by the test'; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE TRIGGER it_refuse_title BEFORE UPDATE ON "Article"
    FOR EACH ROW WHEN (NEW.title = '${REFUSED}') EXECUTE FUNCTION it_refuse_title()`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS it_refuse_title ON "Article"`);
    await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS it_refuse_title()`);
  };
});

async function newArticle() {
  return (await createStory(db, [{ language: "en", text: TEXT }])).articles[0]!;
}

const audits = (id: string) => db.auditEvent.findMany({ where: { action: "article.revised", targetId: id } });

describe("article edits are atomic", () => {
  it("a title that fails to save leaves no revision, and the same edit retried succeeds with its audit event", async () => {
    const article = await newArticle();
    const edit = { expectedRevision: 1, text: `${TEXT}\n\nA third paragraph.`, title: REFUSED };
    const failed = await call(reviseRoute, { as: editor, params: { id: article.id }, body: edit });
    expect(failed.status).toBe(500);
    expect(await db.article.findUniqueOrThrow({ where: { id: article.id } })).toMatchObject({
      revision: 1,
      text: TEXT,
      title: null,
    });
    expect(await db.articleRevision.count({ where: { articleId: article.id } })).toBe(1);
    expect(await audits(article.id)).toHaveLength(0);

    const retried = await call(reviseRoute, {
      as: editor,
      params: { id: article.id },
      body: { ...edit, title: "The ferry" },
    });
    expect(retried).toMatchObject({ status: 200, body: { changed: true, revision: 2, titleChanged: true } });
    const events = await audits(article.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: editor.id,
      before: { revision: 1, title: null },
      after: { revision: 2, title: "The ferry" },
    });
  });

  it("a title with control characters and a NUL is cleaned as an import cleans it, and saved with the text", async () => {
    const article = await newArticle();
    const raw = "\u0007Ferry\u0000 news\r\n  from\tHolmsund\u0085 ";
    const result = await editArticle(
      db,
      { id: editor.id, email: editorEmail },
      { id: article.id, expectedRevision: 1, text: `${TEXT} Updated.`, title: raw, note: null },
    );
    expect(result).toMatchObject({ changed: true, revision: 2, titleChanged: true });
    const saved = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(saved.title).toBe(cleanField(raw));
    expect(saved.title).toBe("Ferry news from Holmsund");
    expect(saved.revision).toBe(2);
    expect(await audits(article.id)).toHaveLength(1);
  });

  it("the HTTP route cleans the title the same way (controls dropped, spaces collapsed, blank is untitled)", async () => {
    const article = await newArticle();
    const res = await call(reviseRoute, {
      as: editor,
      params: { id: article.id },
      body: { expectedRevision: 1, text: TEXT, title: "  Ferry\u0007   times\u009f  " },
    });
    expect(res).toMatchObject({ status: 200, body: { changed: false, titleChanged: true } });
    expect((await db.article.findUniqueOrThrow({ where: { id: article.id } })).title).toBe("Ferry times");
    const blank = await call(reviseRoute, {
      as: editor,
      params: { id: article.id },
      body: { expectedRevision: 1, text: TEXT, title: " \u0007 " },
    });
    expect(blank).toMatchObject({ status: 200, body: { titleChanged: true } });
    expect((await db.article.findUniqueOrThrow({ where: { id: article.id } })).title).toBeNull();
  });
});
