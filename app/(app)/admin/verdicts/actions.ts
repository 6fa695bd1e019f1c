"use server";

import { z } from "zod";
import { db } from "@/lib/db";
import { action } from "@/lib/http/action";
import { moveDirection, verdictInput } from "@/lib/taxonomy/schemas";
import {
  archiveVerdict,
  createVerdict,
  deleteVerdict,
  moveVerdict,
  restoreVerdict,
  updateVerdict,
} from "@/lib/taxonomy/verdicts";

const MANAGE = { permission: "taxonomy.manage" } as const;
const byId = z.object({ id: z.uuid("Unknown verdict.") });

export const createVerdictAction = action(MANAGE, verdictInput, async (input, { user }) =>
  createVerdict(db, user, input),
);

export const updateVerdictAction = action(MANAGE, verdictInput.extend(byId.shape), async ({ id, ...input }, { user }) =>
  updateVerdict(db, user, id, input),
);

export const moveVerdictAction = action(MANAGE, byId.extend({ direction: moveDirection }), async (input, { user }) => {
  await moveVerdict(db, user, input.id, input.direction);
  return { moved: true };
});

export const archiveVerdictAction = action(MANAGE, byId, async ({ id }, { user }) => {
  await archiveVerdict(db, user, id);
  return { archived: true };
});

export const restoreVerdictAction = action(MANAGE, byId, async ({ id }, { user }) => {
  await restoreVerdict(db, user, id);
  return { restored: true };
});

export const deleteVerdictAction = action(MANAGE, byId, async ({ id }, { user }) => {
  await deleteVerdict(db, user, id);
  return { deleted: true };
});
