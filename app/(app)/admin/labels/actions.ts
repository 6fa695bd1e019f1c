"use server";

import { z } from "zod";
import { db } from "@/lib/db";
import { action } from "@/lib/http/action";
import { archiveLabel, createLabel, deleteLabel, moveLabel, restoreLabel, updateLabel } from "@/lib/taxonomy/labels";
import { labelInput, moveDirection } from "@/lib/taxonomy/schemas";

const MANAGE = { permission: "taxonomy.manage" } as const;
const byId = z.object({ id: z.uuid("Unknown label.") });

export const createLabelAction = action(MANAGE, labelInput, async (input, { user }) => createLabel(db, user, input));

export const updateLabelAction = action(MANAGE, labelInput.extend(byId.shape), async ({ id, ...input }, { user }) =>
  updateLabel(db, user, id, input),
);

export const moveLabelAction = action(MANAGE, byId.extend({ direction: moveDirection }), async (input, { user }) => {
  await moveLabel(db, user, input.id, input.direction);
  return { moved: true };
});

export const archiveLabelAction = action(MANAGE, byId, async ({ id }, { user }) => {
  await archiveLabel(db, user, id);
  return { archived: true };
});

export const restoreLabelAction = action(MANAGE, byId, async ({ id }, { user }) => {
  await restoreLabel(db, user, id);
  return { restored: true };
});

export const deleteLabelAction = action(MANAGE, byId, async ({ id }, { user }) => {
  await deleteLabel(db, user, id);
  return { deleted: true };
});
