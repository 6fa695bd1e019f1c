/**
 * Canonical entities: one per real-world person, organisation, place…,
 * linked from spans in every language, known by a name and aliases per
 * language ("Kina", "Chine", "China", "中国").
 *
 * Search is accent- and case-insensitive in every script: the database keeps
 * folded copies of names and aliases (Entity.nameFolded,
 * EntityAlias.aliasFolded, trigram-indexed) and filters with the same fold;
 * the best candidates are then ranked here: exact name or alias, then prefix,
 * then a word starting with the query, then any substring; ties go to
 * entities already used in the story, an alias in the editor's language, and
 * shorter names.
 */
import type { Db } from "../db";
import { AppError, notFound, versionConflict } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { fold } from "../text/fold";
import { ENTITY_SELECT, entityDTO, snapshot, type EntityDTO } from "./dto";
import type { EntityCreateInput, EntityUpdateInput } from "./schemas";

export interface EntitySearch {
  q?: string;
  /** Prefer aliases in this language. */
  language?: string;
  /** Only entities of this label (key or id). */
  label?: string;
  /** Prefer entities already linked in this story. */
  storyId?: string;
  limit?: number;
}

const CANDIDATES = 200;

export async function getEntity(db: Db, id: string): Promise<EntityDTO> {
  const row = await db.entity.findUnique({ where: { id }, select: ENTITY_SELECT });
  if (!row) throw notFound("The entity");
  return entityDTO(row);
}

export async function searchEntities(db: Db, search: EntitySearch): Promise<EntityDTO[]> {
  const limit = Math.min(Math.max(search.limit ?? 20, 1), 100);
  const q = (search.q ?? "").normalize("NFC").trim();
  const label = search.label?.trim() || null;

  if (!q) {
    // Nothing typed yet: the story's entities, or the most recently touched ones.
    const rows = await db.entity.findMany({
      where: {
        ...(label ? { label: labelFilter(label) } : {}),
        ...(search.storyId ? { spans: { some: { deletedAt: null, article: { storyId: search.storyId } } } } : {}),
      },
      orderBy: search.storyId ? [{ name: "asc" }] : [{ updatedAt: "desc" }, { name: "asc" }],
      take: limit,
      select: ENTITY_SELECT,
    });
    return rows.map(entityDTO);
  }

  // A Wikidata QID ("Q16955", "q16955") finds its entity, of whatever type, first.
  const byQid = /^Q[1-9][0-9]*$/i.test(q)
    ? await db.entity.findFirst({ where: { wikidataQid: q.toUpperCase() }, select: ENTITY_SELECT })
    : null;
  if (byQid) return [entityDTO(byQid)];

  const hits = await db.$queryRaw<{ id: string; hit: string; language: string | null }[]>`
    WITH pat AS (
      SELECT parallax_fold(${q}) AS q,
             '%' || replace(replace(replace(parallax_fold(${q}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' AS contains
    ),
    hits AS (
      SELECT e.id, e."nameFolded" AS hit, NULL::text AS language, e."labelId"
      FROM "Entity" e, pat WHERE e."nameFolded" LIKE pat.contains
      UNION ALL
      SELECT a."entityId", a."aliasFolded", a.language, e."labelId"
      FROM "EntityAlias" a JOIN "Entity" e ON e.id = a."entityId", pat
      WHERE a."aliasFolded" LIKE pat.contains
    )
    SELECT h.id::text AS id, h.hit, h.language
    FROM hits h, pat
    WHERE ${label}::text IS NULL
       OR h."labelId" IN (SELECT id FROM "Label" WHERE key = upper(${label}::text) OR id::text = ${label}::text)
    ORDER BY (h.hit = pat.q) DESC, starts_with(h.hit, pat.q) DESC, length(h.hit), h.hit
    LIMIT ${CANDIDATES}`;
  if (!hits.length) return [];

  const folded = fold(q);
  const best = new Map<string, { rank: number; inLanguage: boolean }>();
  for (const h of hits) {
    const rank = matchRank(h.hit, folded);
    const inLanguage = !!search.language && h.language === search.language;
    const seen = best.get(h.id);
    if (!seen || rank < seen.rank || (rank === seen.rank && inLanguage && !seen.inLanguage)) {
      best.set(h.id, { rank, inLanguage });
    }
  }
  const ids = [...best.keys()];
  const [rows, inStory] = await Promise.all([
    db.entity.findMany({ where: { id: { in: ids } }, select: ENTITY_SELECT }),
    search.storyId
      ? db.span.findMany({
          where: { entityId: { in: ids }, deletedAt: null, article: { storyId: search.storyId } },
          select: { entityId: true },
          distinct: ["entityId"],
        })
      : Promise.resolve([]),
  ]);
  const used = new Set(inStory.map((s) => s.entityId));
  return rows
    .map((row) => ({ row, ...best.get(row.id)!, used: used.has(row.id) }))
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        Number(b.used) - Number(a.used) ||
        Number(b.inLanguage) - Number(a.inLanguage) ||
        a.row.name.length - b.row.name.length ||
        a.row.name.localeCompare(b.row.name),
    )
    .slice(0, limit)
    .map((x) => entityDTO(x.row));
}

/** 0 exact, 1 prefix, 2 a word starts with the query, 3 elsewhere. */
function matchRank(hit: string, q: string): number {
  if (hit === q) return 0;
  if (hit.startsWith(q)) return 1;
  const at = hit.indexOf(q);
  return at > 0 && !/[\p{L}\p{N}]/u.test(hit[at - 1]!) ? 2 : 3;
}

function labelFilter(label: string): Prisma.LabelWhereInput {
  return /^[0-9a-f-]{36}$/i.test(label) ? { id: label } : { key: label.toUpperCase() };
}

async function entityLabel(db: Pick<Db, "label">, labelId: string) {
  const label = await db.label.findUnique({
    where: { id: labelId },
    select: { kind: true, archived: true, key: true },
  });
  if (!label) throw new AppError("UNKNOWN_LABEL", `Label ${labelId} does not exist.`, 400);
  if (label.kind !== "ENTITY")
    throw new AppError("LABEL_KIND_MISMATCH", `Label ${label.key} is not an entity type.`, 400);
  if (label.archived) throw new AppError("LABEL_ARCHIVED", `Label ${label.key} is archived; choose another type.`, 400);
  return label;
}

function uniqueAliases(aliases: readonly { language: string; alias: string }[] = []) {
  const seen = new Map<string, { language: string; alias: string }>();
  for (const a of aliases) seen.set(`${a.language}\u0000${a.alias}`, a);
  return [...seen.values()];
}

/** A readable, stable key for exports ("tsinghua-university"), or null for names with no Latin letters. */
async function freeKey(db: Pick<Db, "entity">, name: string): Promise<string | null> {
  const base = fold(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  if (!base) return null;
  const taken = new Set(
    (await db.entity.findMany({ where: { key: { startsWith: base } }, select: { key: true } })).map((e) => e.key),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A Wikidata ID names one entity: refuses `qid` when another entity than `exceptId` has it (the 409 names that one). */
async function assertQidFree(db: Db, qid: string, exceptId?: string): Promise<void> {
  const same = await db.entity.findFirst({
    where: { wikidataQid: qid, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: ENTITY_SELECT,
  });
  if (same) {
    throw new AppError("DUPLICATE_WIKIDATA_QID", `"${same.name}" already has Wikidata ID ${qid}.`, 409, {
      entity: entityDTO(same),
    });
  }
}

export async function createEntity(db: Db, input: EntityCreateInput): Promise<EntityDTO> {
  await entityLabel(db, input.labelId);
  if (input.wikidataQid) await assertQidFree(db, input.wikidataQid);
  if (!input.allowDuplicate) {
    const [same] = await db.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM "Entity"
      WHERE "nameFolded" = parallax_fold(${input.name}) AND "labelId" = ${input.labelId}::uuid LIMIT 1`;
    if (same) {
      const entity = await getEntity(db, same.id);
      throw new AppError(
        "ENTITY_EXISTS",
        `An entity "${entity.name}" of this type already exists; link to it, or create a second one deliberately.`,
        409,
        { entity },
      );
    }
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await db.entity.create({
        data: {
          key: await freeKey(db, input.name),
          name: input.name,
          labelId: input.labelId,
          wikidataQid: input.wikidataQid ?? null,
          description: input.description ?? null,
          aliases: { create: uniqueAliases(input.aliases) },
        },
        select: ENTITY_SELECT,
      });
      return entityDTO(row);
    } catch (error) {
      // Two editors creating the same name at once: the key was taken meanwhile.
      if ((error as { code?: string }).code !== "P2002" || attempt >= 3) throw error;
    }
  }
}

/**
 * Changes an entity, if it is still at `input.baseVersion` (else a
 * VERSION_CONFLICT with the entity as it is now: nothing is overwritten). A
 * new type (labelId) is carried to every span linked to it, each with a
 * history entry, so spans and their entity never disagree.
 */
export async function updateEntity(
  db: Db,
  actor: { id: string },
  id: string,
  input: EntityUpdateInput,
): Promise<EntityDTO> {
  const existing = await db.entity.findUnique({ where: { id }, select: { id: true, labelId: true, version: true } });
  if (!existing) throw notFound("The entity");
  if (existing.version !== input.baseVersion) throw await entityConflict(db, id, input.baseVersion);
  if (input.labelId && input.labelId !== existing.labelId) await entityLabel(db, input.labelId);
  if (input.wikidataQid) await assertQidFree(db, input.wikidataQid, id);

  const updated = await db.$transaction(async (tx) => {
    // The entity row first, guarded by its version: a concurrent edit (or relabel) waits here, then misses.
    const [row] = await tx.$queryRaw<{ labelId: string }[]>`
      SELECT "labelId"::text AS "labelId" FROM "Entity"
      WHERE id = ${id}::uuid AND version = ${input.baseVersion} FOR UPDATE`;
    if (!row) return false;
    await tx.entity.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.labelId !== undefined ? { labelId: input.labelId } : {}),
        ...(input.wikidataQid !== undefined ? { wikidataQid: input.wikidataQid } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        version: { increment: 1 },
      },
    });
    if (input.aliases) {
      await tx.entityAlias.deleteMany({ where: { entityId: id } });
      await tx.entityAlias.createMany({ data: uniqueAliases(input.aliases).map((a) => ({ ...a, entityId: id })) });
    }
    if (input.removeAliases?.length) {
      await tx.entityAlias.deleteMany({
        where: { entityId: id, OR: input.removeAliases.map((a) => ({ language: a.language, alias: a.alias })) },
      });
    }
    if (input.addAliases?.length) {
      await tx.entityAlias.createMany({
        data: uniqueAliases(input.addAliases).map((a) => ({ ...a, entityId: id })),
        skipDuplicates: true,
      });
    }
    if (input.labelId && input.labelId !== row.labelId) {
      await carryToLinkedSpans(tx, actor, id, { labelId: input.labelId });
    }
    return true;
  });
  if (!updated) throw await entityConflict(db, id, input.baseVersion);
  return getEntity(db, id);
}

async function entityConflict(db: Db, id: string, baseVersion: number): Promise<AppError> {
  return versionConflict("entity", baseVersion, await getEntity(db, id));
}

/**
 * Carries a change of an entity to the spans linked to it: a new type
 * (`labelId`), or with `entityId` a merge into that entity. Each changed span
 * gets a new version and a history entry, so the change feed announces it and
 * a stale editor's save conflicts. Deleted spans change too (a restore must
 * not bring back a link the entity no longer matches). Returns how many spans
 * changed.
 */
export async function carryToLinkedSpans(
  tx: Prisma.TransactionClient,
  actor: { id: string },
  entityId: string,
  change: { labelId: string; entityId?: string },
): Promise<number> {
  // Lock the spans first, so a concurrent edit waits instead of writing over the change.
  await tx.$queryRaw`SELECT id FROM "Span" WHERE "entityId" = ${entityId}::uuid FOR UPDATE`;
  // A relabel leaves spans that already have the label alone; a merge moves every span.
  const spans = await tx.span.findMany({
    where: change.entityId ? { entityId } : { entityId, NOT: { labelId: change.labelId } },
  });
  if (!spans.length) return 0;
  await tx.span.updateMany({
    where: { id: { in: spans.map((s) => s.id) } },
    data: { ...change, version: { increment: 1 }, updatedById: actor.id },
  });
  await tx.spanRevision.createMany({
    data: spans.map((s) => ({
      spanId: s.id,
      version: s.version + 1,
      action: "UPDATE" as const,
      actorId: actor.id,
      before: { ...snapshot(s) },
      after: { ...snapshot({ ...s, ...change }) },
    })),
  });
  return spans.length;
}
