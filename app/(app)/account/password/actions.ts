"use server";

import { z } from "zod";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { db } from "@/lib/db";
import { action } from "@/lib/http/action";

export const changePasswordAction = action(
  { permission: "account.password" },
  z.object({ currentPassword: z.string().min(1, "Enter your current password"), newPassword: z.string() }),
  async (input, { user }) => {
    const { sessionsEnded, tokensRevoked } = await changeOwnPassword(db, user, input);
    return { changed: true, sessionsEnded, tokensRevoked };
  },
);
