/**
 * The label taxonomy, managed by administrators: entity types (PERSON, ORG…)
 * and the claim label, each with a name, colour, one-key shortcut and place
 * in the picker.
 *
 * Rules: keys are unique; a shortcut is unique among active labels; a label
 * in use (by spans or entities) is archived rather than deleted, and keeps
 * its key and kind (exports and spans refer to them); at least one active
 * ENTITY and one active CLAIM label remain. Every change is audited. Writes
 * take one advisory lock, so two administrators cannot both claim a shortcut.
 */
import type { AuditActor } from "../audit/log";
import { audit } from "../audit/log";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { LabelDTO } from "../annotation/dto";
import { moved } from "./order";
import type { LabelInput, MoveDirection } from "./schemas";

export type LabelAdminRow = LabelDTO & { usage: { spans: number; entities: number } };

const LOCK = "parallax.taxonomy.labels";

function toDTO(l: {
  id: string;
  key: string;
  name: string;
  kind: LabelDTO["kind"];
  color: string;
  shortcut: string | null;
  order: number;
  archived: boolean;
}): LabelDTO {
  return {
    id: l.id,
    key: l.key,
    name: l.name,
    kind: l.kind,
    color: l.color,
    shortcut: l.shortcut,
    order: l.order,
    archived: l.archived,
  };
}

/** Every label, active ones first in picker order, with how much each is used. */
export async function listLabelsForAdmin(db: Db): Promise<LabelAdminRow[]> {
  const labels = await db.label.findMany({
    orderBy: [{ archived: "asc" }, { order: "asc" }, { key: "asc" }],
    include: { _count: { select: { spans: true, entities: true } } },
  });
  return labels.map((l) => ({ ...toDTO(l), usage: { spans: l._count.spans, entities: l._count.entities } }));
}

async function locked<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCK}))`;
    return fn(tx);
  });
}

async function checkUnique(
  tx: Prisma.TransactionClient,
  input: { key: string; shortcut: string | null },
  self?: string,
) {
  const sameKey = await tx.label.findFirst({ where: { key: input.key, NOT: { id: self } } });
  if (sameKey) throw new AppError("KEY_TAKEN", `A label with key ${input.key} already exists.`, 409);
  if (input.shortcut) {
    const sameShortcut = await tx.label.findFirst({
      where: { shortcut: input.shortcut, archived: false, NOT: { id: self } },
    });
    if (sameShortcut) {
      throw new AppError(
        "SHORTCUT_TAKEN",
        `The shortcut "${input.shortcut}" is already used by ${sameShortcut.name} (${sameShortcut.key}).`,
        409,
      );
    }
  }
}

async function usage(tx: Prisma.TransactionClient, id: string) {
  const [spans, entities] = await Promise.all([
    tx.span.count({ where: { labelId: id } }),
    tx.entity.count({ where: { labelId: id } }),
  ]);
  return { spans, entities, used: spans + entities > 0 };
}

function describeUsage(u: { spans: number; entities: number }): string {
  const parts = [];
  if (u.spans) parts.push(`${u.spans} span${u.spans === 1 ? "" : "s"}`);
  if (u.entities) parts.push(`${u.entities} entit${u.entities === 1 ? "y" : "ies"}`);
  return parts.join(" and ");
}

export async function createLabel(db: Db, actor: AuditActor, input: LabelInput): Promise<LabelDTO> {
  return locked(db, async (tx) => {
    await checkUnique(tx, input);
    const last = await tx.label.aggregate({ _max: { order: true } });
    const label = await tx.label.create({ data: { ...input, order: (last._max.order ?? -1) + 1 } });
    await audit(tx, {
      action: "taxonomy.label_created",
      actor,
      target: { type: "Label", id: label.id },
      after: toDTO(label),
    });
    return toDTO(label);
  });
}

export async function updateLabel(db: Db, actor: AuditActor, id: string, input: LabelInput): Promise<LabelDTO> {
  return locked(db, async (tx) => {
    const before = await tx.label.findUnique({ where: { id } });
    if (!before) throw notFound("The label");
    if (input.key !== before.key || input.kind !== before.kind) {
      const u = await usage(tx, id);
      if (u.used && input.key !== before.key) {
        throw new AppError(
          "LABEL_IN_USE",
          `The key of ${before.key} cannot change: ${describeUsage(u)} use it, and exports refer to it.`,
          409,
        );
      }
      if (u.used && input.kind !== before.kind) {
        throw new AppError(
          "LABEL_IN_USE",
          `${before.key} is used by ${describeUsage(u)}; its kind cannot change.`,
          409,
        );
      }
      if (input.kind !== before.kind && !before.archived) await keepOneActive(tx, before);
    }
    await checkUnique(tx, { key: input.key, shortcut: before.archived ? null : input.shortcut }, id);
    const label = await tx.label.update({ where: { id }, data: input });
    await audit(tx, {
      action: "taxonomy.label_updated",
      actor,
      target: { type: "Label", id },
      before: toDTO(before),
      after: toDTO(label),
    });
    return toDTO(label);
  });
}

/** Refuses to take away the last active label of `label`'s kind. */
async function keepOneActive(tx: Prisma.TransactionClient, label: { id: string; kind: string; key: string }) {
  const others = await tx.label.count({
    where: { kind: label.kind as LabelDTO["kind"], archived: false, NOT: { id: label.id } },
  });
  if (!others) {
    throw new AppError(
      "LAST_ACTIVE_LABEL",
      `${label.key} is the only active ${label.kind === "CLAIM" ? "claim" : "entity"} label; add another before removing it.`,
      409,
    );
  }
}

export async function moveLabel(db: Db, actor: AuditActor, id: string, direction: MoveDirection): Promise<void> {
  await locked(db, async (tx) => {
    const labels = await tx.label.findMany({ orderBy: [{ archived: "asc" }, { order: "asc" }, { key: "asc" }] });
    const active = labels.filter((l) => !l.archived).map((l) => l.id);
    if (!labels.some((l) => l.id === id)) throw notFound("The label");
    const order = [...moved(active, id, direction), ...labels.filter((l) => l.archived).map((l) => l.id)];
    for (const [i, labelId] of order.entries()) {
      const label = labels.find((l) => l.id === labelId)!;
      if (label.order !== i) await tx.label.update({ where: { id: labelId }, data: { order: i } });
    }
    await audit(tx, { action: "taxonomy.label_moved", actor, target: { type: "Label", id }, detail: { direction } });
  });
}

export async function archiveLabel(db: Db, actor: AuditActor, id: string): Promise<void> {
  await locked(db, async (tx) => {
    const label = await tx.label.findUnique({ where: { id } });
    if (!label) throw notFound("The label");
    if (label.archived) return;
    await keepOneActive(tx, label);
    await tx.label.update({ where: { id }, data: { archived: true } });
    await audit(tx, { action: "taxonomy.label_archived", actor, target: { type: "Label", id } });
  });
}

export async function restoreLabel(db: Db, actor: AuditActor, id: string): Promise<void> {
  await locked(db, async (tx) => {
    const label = await tx.label.findUnique({ where: { id } });
    if (!label) throw notFound("The label");
    if (!label.archived) return;
    if (label.shortcut) {
      const clash = await tx.label.findFirst({ where: { shortcut: label.shortcut, archived: false } });
      if (clash) {
        throw new AppError(
          "SHORTCUT_TAKEN",
          `Its shortcut "${label.shortcut}" is now used by ${clash.name} (${clash.key}); change one of them first.`,
          409,
        );
      }
    }
    const last = await tx.label.aggregate({ where: { archived: false }, _max: { order: true } });
    await tx.label.update({ where: { id }, data: { archived: false, order: (last._max.order ?? -1) + 1 } });
    await audit(tx, { action: "taxonomy.label_restored", actor, target: { type: "Label", id } });
  });
}

/** Deletes an unused label; a label in use must be archived instead. */
export async function deleteLabel(db: Db, actor: AuditActor, id: string): Promise<void> {
  await locked(db, async (tx) => {
    const label = await tx.label.findUnique({ where: { id } });
    if (!label) throw notFound("The label");
    const u = await usage(tx, id);
    if (u.used) {
      throw new AppError(
        "LABEL_IN_USE",
        `${label.key} is used by ${describeUsage(u)}; archive it instead of deleting it.`,
        409,
      );
    }
    if (!label.archived) await keepOneActive(tx, label);
    await tx.label.delete({ where: { id } });
    await audit(tx, {
      action: "taxonomy.label_deleted",
      actor,
      target: { type: "Label", id },
      before: toDTO(label),
    });
  });
}
