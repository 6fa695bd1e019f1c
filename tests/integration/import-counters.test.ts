/**
 * Imported revision and version numbers leave room for edits: a number near
 * the column's limit (2^31 − 1) would make the record uneditable forever, so
 * the import refuses it, naming the field; a large but sane one imports and
 * stays editable.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { importJsonl } from "@/lib/import";
import { MAX_IMPORTED_COUNTER } from "@/lib/import/schema";
import { applySpanMutation } from "@/lib/annotation/spans";
import { editArticle } from "@/lib/revisions/edit";
import { testDb } from "./db";
import { createUser } from "./support/users";

const db = testDb();
const TEXT = "Harbour master Ilse Varg opened the lock at noon.";
const INT_MAX = 2_147_483_647;

function line(over: Record<string, unknown>, span: Record<string, unknown> = {}) {
  return JSON.stringify({
    external_id: `cnt-${randomUUID()}`,
    language: "en",
    text: TEXT,
    spans: [{ start: 15, end: 24, text: "Ilse Varg", kind: "entity", label: "PERSON", ...span }],
    ...over,
  });
}

describe("imported counters", () => {
  it("refuses an article revision or a span version with no room left for edits", async () => {
    const report = await importJsonl(db, {
      content: [line({ revision: INT_MAX }), line({}, { version: INT_MAX }), line({}, { version: INT_MAX - 1 })].join(
        "\n",
      ),
    });
    expect(report.imported).toBe(0);
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [1, `revision: must be at most ${MAX_IMPORTED_COUNTER} (it grows with every edit)`],
      [2, expect.stringContaining(`must be at most ${MAX_IMPORTED_COUNTER} (it grows with every edit)`)],
      [3, expect.stringContaining(`must be at most ${MAX_IMPORTED_COUNTER} (it grows with every edit)`)],
    ]);
  });

  it("imports the largest allowed numbers, and the records stay editable", async () => {
    await db.label.upsert({
      where: { key: "PERSON" },
      update: {},
      create: { key: "PERSON", name: "Person", kind: "ENTITY", color: "#2563eb" },
    });
    const externalId = `cnt-${randomUUID()}`;
    const report = await importJsonl(db, {
      content: line({ external_id: externalId, revision: MAX_IMPORTED_COUNTER }, { version: MAX_IMPORTED_COUNTER }),
    });
    expect(report.rejected).toEqual([]);
    const article = await db.article.findUniqueOrThrow({ where: { externalId }, include: { spans: true } });
    expect(article.revision).toBe(MAX_IMPORTED_COUNTER);
    const span = article.spans[0]!;
    expect(span.version).toBe(MAX_IMPORTED_COUNTER);

    const editor = await createUser(db, "EDITOR");
    const relabel = await applySpanMutation(db, { id: editor.id, name: editor.name, canReview: true }, article.id, {
      type: "update",
      mutationId: randomUUID(),
      spanId: span.id,
      baseVersion: span.version,
      patch: { reviewStatus: "APPROVED" },
    });
    expect(relabel).toMatchObject({ ok: true, span: { version: MAX_IMPORTED_COUNTER + 1 } });
    const edited = await editArticle(
      db,
      { id: editor.id, email: editor.email },
      { id: article.id, expectedRevision: MAX_IMPORTED_COUNTER, text: `${TEXT} Then it rained.`, note: null },
    );
    expect(edited).toMatchObject({ changed: true, revision: MAX_IMPORTED_COUNTER + 1 });
  });
});
