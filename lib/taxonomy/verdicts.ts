/**
 * The verdict rating scale for claims (False … True by default), managed by
 * administrators: key, name, value on the scale (schema.org ratingValue),
 * colour, description, and place in the picker. A rating some claim uses is
 * archived rather than deleted and keeps its key. Every change is audited.
 */
import { audit, type AuditActor } from "../audit/log";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { VerdictDTO } from "../annotation/dto";
import { moved } from "./order";
import type { MoveDirection, VerdictInput } from "./schemas";

export type VerdictAdminRow = VerdictDTO & { usage: { claims: number } };

const LOCK = "parallax.taxonomy.verdicts";

function toDTO(v: VerdictDTO): VerdictDTO {
  return {
    id: v.id,
    key: v.key,
    name: v.name,
    value: v.value,
    color: v.color,
    description: v.description,
    order: v.order,
    archived: v.archived,
  };
}

export async function listVerdictsForAdmin(db: Db): Promise<VerdictAdminRow[]> {
  const verdicts = await db.verdictRating.findMany({
    orderBy: [{ archived: "asc" }, { order: "asc" }, { key: "asc" }],
    include: { _count: { select: { claims: true } } },
  });
  return verdicts.map((v) => ({ ...toDTO(v), usage: { claims: v._count.claims } }));
}

async function locked<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCK}))`;
    return fn(tx);
  });
}

async function checkKey(tx: Prisma.TransactionClient, key: string, self?: string) {
  if (await tx.verdictRating.findFirst({ where: { key, NOT: { id: self } } })) {
    throw new AppError("KEY_TAKEN", `A verdict with key ${key} already exists.`, 409);
  }
}

const claimsUsing = (tx: Prisma.TransactionClient, id: string) => tx.claim.count({ where: { verdictId: id } });
const plural = (n: number) => `${n} claim${n === 1 ? "" : "s"}`;

export async function createVerdict(db: Db, actor: AuditActor, input: VerdictInput): Promise<VerdictDTO> {
  return locked(db, async (tx) => {
    await checkKey(tx, input.key);
    const last = await tx.verdictRating.aggregate({ _max: { order: true } });
    const verdict = await tx.verdictRating.create({ data: { ...input, order: (last._max.order ?? -1) + 1 } });
    await audit(tx, {
      action: "taxonomy.verdict_created",
      actor,
      target: { type: "VerdictRating", id: verdict.id },
      after: toDTO(verdict),
    });
    return toDTO(verdict);
  });
}

export async function updateVerdict(db: Db, actor: AuditActor, id: string, input: VerdictInput): Promise<VerdictDTO> {
  return locked(db, async (tx) => {
    const before = await tx.verdictRating.findUnique({ where: { id } });
    if (!before) throw notFound("The verdict");
    if (input.key !== before.key) {
      const n = await claimsUsing(tx, id);
      if (n) {
        throw new AppError(
          "VERDICT_IN_USE",
          `The key of ${before.key} cannot change: ${plural(n)} use it, and exports refer to it.`,
          409,
        );
      }
    }
    await checkKey(tx, input.key, id);
    const verdict = await tx.verdictRating.update({ where: { id }, data: input });
    await audit(tx, {
      action: "taxonomy.verdict_updated",
      actor,
      target: { type: "VerdictRating", id },
      before: toDTO(before),
      after: toDTO(verdict),
    });
    return toDTO(verdict);
  });
}

export async function moveVerdict(db: Db, actor: AuditActor, id: string, direction: MoveDirection): Promise<void> {
  await locked(db, async (tx) => {
    const all = await tx.verdictRating.findMany({ orderBy: [{ archived: "asc" }, { order: "asc" }, { key: "asc" }] });
    if (!all.some((v) => v.id === id)) throw notFound("The verdict");
    const active = all.filter((v) => !v.archived).map((v) => v.id);
    const order = [...moved(active, id, direction), ...all.filter((v) => v.archived).map((v) => v.id)];
    for (const [i, verdictId] of order.entries()) {
      if (all.find((v) => v.id === verdictId)!.order !== i) {
        await tx.verdictRating.update({ where: { id: verdictId }, data: { order: i } });
      }
    }
    await audit(tx, {
      action: "taxonomy.verdict_moved",
      actor,
      target: { type: "VerdictRating", id },
      detail: { direction },
    });
  });
}

export async function archiveVerdict(db: Db, actor: AuditActor, id: string): Promise<void> {
  await locked(db, async (tx) => {
    const verdict = await tx.verdictRating.findUnique({ where: { id } });
    if (!verdict) throw notFound("The verdict");
    if (verdict.archived) return;
    await tx.verdictRating.update({ where: { id }, data: { archived: true } });
    await audit(tx, { action: "taxonomy.verdict_archived", actor, target: { type: "VerdictRating", id } });
  });
}

export async function restoreVerdict(db: Db, actor: AuditActor, id: string): Promise<void> {
  await locked(db, async (tx) => {
    const verdict = await tx.verdictRating.findUnique({ where: { id } });
    if (!verdict) throw notFound("The verdict");
    if (!verdict.archived) return;
    const last = await tx.verdictRating.aggregate({ where: { archived: false }, _max: { order: true } });
    await tx.verdictRating.update({ where: { id }, data: { archived: false, order: (last._max.order ?? -1) + 1 } });
    await audit(tx, { action: "taxonomy.verdict_restored", actor, target: { type: "VerdictRating", id } });
  });
}

/** Deletes an unused rating; one that claims use must be archived instead. */
export async function deleteVerdict(db: Db, actor: AuditActor, id: string): Promise<void> {
  await locked(db, async (tx) => {
    const verdict = await tx.verdictRating.findUnique({ where: { id } });
    if (!verdict) throw notFound("The verdict");
    const n = await claimsUsing(tx, id);
    if (n) {
      throw new AppError(
        "VERDICT_IN_USE",
        `${verdict.key} is used by ${plural(n)}; archive it instead of deleting it.`,
        409,
      );
    }
    await tx.verdictRating.delete({ where: { id } });
    await audit(tx, {
      action: "taxonomy.verdict_deleted",
      actor,
      target: { type: "VerdictRating", id },
      before: toDTO(verdict),
    });
  });
}
