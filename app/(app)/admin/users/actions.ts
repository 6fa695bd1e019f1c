"use server";

import { z } from "zod";
import { revokePersonalToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { action } from "@/lib/http/action";
import { newUserSchema, roleSchema } from "@/lib/users/input";
import { changeRole, createUser, resetPassword, setDisabled } from "@/lib/users/manage";
import { unlockSignIn } from "@/lib/users/unlock";

const userId = z.uuid({ error: "Unknown user." });

export const createUserAction = action({ permission: "user.manage" }, newUserSchema, async (input, { user }) => {
  const created = await createUser(db, user, input);
  return { id: created.id, email: created.email, link: created.link, expiresAt: created.expiresAt.toISOString() };
});

export const changeRoleAction = action(
  { permission: "user.manage" },
  z.object({ userId, role: roleSchema }),
  async (input, { user }) => changeRole(db, user, input.userId, input.role),
);

export const setDisabledAction = action(
  { permission: "user.manage" },
  z.object({ userId, disabled: z.boolean() }),
  async (input, { user }) => setDisabled(db, user, input.userId, input.disabled),
);

export const unlockSignInAction = action({ permission: "user.manage" }, z.object({ userId }), async (input, { user }) =>
  unlockSignIn(db, user, { userId: input.userId }),
);

export const resetPasswordAction = action(
  { permission: "user.manage" },
  z.object({ userId }),
  async (input, { user }) => {
    const reset = await resetPassword(db, user, input.userId);
    return {
      link: reset.link,
      expiresAt: reset.expiresAt.toISOString(),
      sessionsEnded: reset.sessionsEnded,
      tokensRevoked: reset.tokensRevoked,
    };
  },
);

/** An admin revokes someone's API token (a leaked script credential), audited as done by the admin. */
export const revokeUserTokenAction = action(
  { permission: "user.manage" },
  z.object({ userId, tokenId: z.uuid({ error: "Unknown token." }) }),
  async (input, { user }) => {
    const owner = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
    if (!owner) throw notFound("The user");
    return revokePersonalToken(db, owner, input.tokenId, { actor: user });
  },
);
