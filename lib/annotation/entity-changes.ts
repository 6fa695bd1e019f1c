/**
 * Renaming an entity (its canonical name; the old one stays findable as an
 * alias), and merging two entities that turned out to be one: the absorbed entity's spans
 * are linked to the kept one (each with a history entry and a new version,
 * so the change feed announces them and a stale editor's save conflicts),
 * claims it made and suggestions turned down for it follow, its aliases and
 * its name (as an alias) join the kept one's, its Wikidata ID is kept when
 * the kept entity has none — two different IDs refuse the merge — and then
 * it is deleted. One transaction, audited as entity.merged.
 */
import { audit, type AuditActor } from "../audit/log";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { ENTITY_SELECT, entityDTO, type EntityDTO } from "./dto";
import { carryToLinkedSpans } from "./entities";

/** A new canonical name; the old name becomes an alias, so searches for it still find the entity. Audited. */
export async function renameEntity(db: Db, actor: AuditActor, input: { id: string; name: string }): Promise<EntityDTO> {
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM "Entity" WHERE id = ${input.id}::uuid FOR UPDATE`;
    if (!row) throw notFound("The entity");
    if (row.name === input.name) return;
    await tx.entity.update({ where: { id: input.id }, data: { name: input.name, version: { increment: 1 } } });
    await tx.entityAlias.createMany({
      data: [{ entityId: input.id, language: NAME_ALIAS_LANGUAGE, alias: row.name }],
      skipDuplicates: true,
    });
    await audit(tx, {
      action: "entity.renamed",
      actor,
      target: { type: "entity", id: input.id },
      before: { name: row.name },
      after: { name: input.name },
    });
  });
  const entity = await db.entity.findUniqueOrThrow({ where: { id: input.id }, select: ENTITY_SELECT });
  return entityDTO(entity);
}

export interface MergeResult {
  entity: EntityDTO;
  /** Spans moved from the absorbed entity. */
  spans: number;
  claims: number;
}

/** Language tag of a former or absorbed name kept as an alias: BCP 47 "undetermined". */
export const NAME_ALIAS_LANGUAGE = "und";

export async function mergeEntities(
  db: Db,
  actor: AuditActor,
  input: { keepId: string; absorbId: string },
): Promise<MergeResult> {
  if (input.keepId === input.absorbId)
    throw new AppError("SAME_ENTITY", "An entity cannot be merged into itself.", 422);
  const counts = await db.$transaction(async (tx) => {
    // Both rows locked in a fixed order, so two merges of the same pair cannot interleave.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM "Entity" WHERE id IN (${input.keepId}::uuid, ${input.absorbId}::uuid) ORDER BY id FOR UPDATE`;
    if (locked.length < 2) throw notFound("The entity");
    const [keep, absorb] = await Promise.all([
      tx.entity.findUniqueOrThrow({ where: { id: input.keepId }, select: ENTITY_SELECT }),
      tx.entity.findUniqueOrThrow({ where: { id: input.absorbId }, select: ENTITY_SELECT }),
    ]);
    if (keep.wikidataQid && absorb.wikidataQid && keep.wikidataQid !== absorb.wikidataQid) {
      throw new AppError(
        "WIKIDATA_CONFLICT",
        `“${keep.name}” is ${keep.wikidataQid} and “${absorb.name}” is ${absorb.wikidataQid}: different Wikidata items are not one entity.`,
        409,
      );
    }
    const spans = await carryToLinkedSpans(tx, actor, absorb.id, { entityId: keep.id, labelId: keep.labelId });
    const claims = await tx.claim.updateMany({ where: { claimantId: absorb.id }, data: { claimantId: keep.id } });
    // A suggestion turned down for either stays turned down for the one left.
    await tx.$executeRaw`
      UPDATE "SuggestionRejection" r SET "entityId" = ${keep.id}::uuid
      WHERE r."entityId" = ${absorb.id}::uuid AND NOT EXISTS (
        SELECT 1 FROM "SuggestionRejection" k
        WHERE k."entityId" = ${keep.id}::uuid AND k."userId" = r."userId" AND k."articleId" = r."articleId"
          AND k.revision = r.revision AND k.start = r.start AND k."end" = r."end")`;
    const aliases = [
      ...absorb.aliases,
      ...(absorb.name !== keep.name ? [{ language: NAME_ALIAS_LANGUAGE, alias: absorb.name }] : []),
    ];
    // The absorbed entity goes first: its Wikidata ID is then free for the kept one.
    await tx.entity.delete({ where: { id: absorb.id } });
    if (aliases.length) {
      await tx.entityAlias.createMany({
        data: aliases.map((a) => ({ ...a, entityId: keep.id })),
        skipDuplicates: true,
      });
    }
    await tx.entity.update({
      where: { id: keep.id },
      data: {
        ...(!keep.wikidataQid && absorb.wikidataQid ? { wikidataQid: absorb.wikidataQid } : {}),
        ...(!keep.description && absorb.description ? { description: absorb.description } : {}),
        // An editor holding the kept entity's old version must see the merge before saving over it.
        version: { increment: 1 },
      },
    });
    await audit(tx, {
      action: "entity.merged",
      actor,
      target: { type: "entity", id: keep.id },
      before: { kept: auditView(keep), absorbed: auditView(absorb) },
      after: { spans, claims: claims.count },
    });
    return { spans, claims: claims.count };
  });
  const entity = await db.entity.findUniqueOrThrow({ where: { id: input.keepId }, select: ENTITY_SELECT });
  return { entity: entityDTO(entity), ...counts };
}

function auditView(e: {
  id: string;
  key: string | null;
  name: string;
  wikidataQid: string | null;
  aliases: { language: string; alias: string }[];
}) {
  return { id: e.id, key: e.key, name: e.name, wikidataQid: e.wikidataQid, aliases: e.aliases.map((a) => ({ ...a })) };
}
