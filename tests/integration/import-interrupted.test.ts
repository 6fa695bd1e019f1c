/**
 * An import that is interrupted still leaves an audit trail for what it
 * wrote: each written batch is audited in the batch's own transaction, so no
 * article is imported without its event, whenever the import stops.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { importUpload } from "@/lib/import/upload";
import { testDb } from "./db";
import { createUser } from "./support/users";

const db = testDb();

describe("an interrupted import", () => {
  it("has an audit event for every article it wrote before the input broke off", async () => {
    const user = await createUser(db, "EDITOR");
    const prefix = `intr-${randomUUID()}`;
    const lines = [1, 2, 3].map((n) =>
      JSON.stringify({ external_id: `${prefix}-${n}`, language: "en", text: `Ferry timetable number ${n} ${prefix}.` }),
    );
    async function* brokenUpload() {
      yield `${lines.join("\n")}\n`;
      throw new Error("the connection was reset");
    }

    await expect(
      importUpload(
        db,
        { format: "jsonl", source: { stream: brokenUpload() } },
        { actor: { id: user.id, email: user.email } },
      ),
    ).rejects.toThrow(/could not be read to the end/);

    const written = await db.article.findMany({ where: { externalId: { startsWith: prefix } }, select: { id: true } });
    expect(written).toHaveLength(3);
    const events = await db.auditEvent.findMany({
      where: { actorId: user.id, action: { startsWith: "article.import" } },
    });
    const audited = events.flatMap((e) => (e.detail as { imported?: string[] } | null)?.imported ?? []);
    expect(audited.sort()).toEqual(written.map((a) => a.id).sort());
    expect(events.every((e) => e.actorEmail === user.email)).toBe(true);
  });
});
