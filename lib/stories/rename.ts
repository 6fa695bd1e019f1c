/**
 * Renaming a story: its title changes, its key (in every link, export and
 * import) stays, so nothing that points at the story breaks. Audited.
 */
import { z } from "zod";
import { audit, type AuditActor } from "../audit/log";
import type { Db } from "../db";
import { notFound } from "../errors";
import { normalizeSnippet } from "../text/normalize";

export const storyTitle = z
  .string({ error: "title must be a string" })
  .transform((v) => normalizeSnippet(v).replace(/\s+/gu, " ").trim())
  .pipe(z.string().min(1, "title must not be empty").max(300, "title is longer than 300 characters"));

export async function renameStory(
  db: Db,
  actor: AuditActor,
  input: { storyId: string; title: string },
): Promise<{ id: string; key: string; title: string }> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ key: string; title: string }[]>`
      SELECT key, title FROM "Story" WHERE id = ${input.storyId}::uuid FOR UPDATE`;
    if (!row) throw notFound("The story");
    if (row.title !== input.title) {
      await tx.story.update({ where: { id: input.storyId }, data: { title: input.title } });
      await audit(tx, {
        action: "story.renamed",
        actor,
        target: { type: "story", id: input.storyId },
        before: { title: row.title },
        after: { title: input.title },
      });
    }
    return { id: input.storyId, key: row.key, title: input.title };
  });
}
