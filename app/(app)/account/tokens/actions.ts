"use server";

import { z } from "zod";
import { createPersonalToken, revokePersonalToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { action } from "@/lib/http/action";

export const createTokenAction = action(
  { permission: "account.self" },
  z.object({
    name: z.string().trim().min(1, "Give the token a name.").max(100),
    expiresInDays: z.union([z.literal(7), z.literal(30), z.literal(90), z.literal(365), z.null()]),
  }),
  async (input, { user }) => {
    const token = await createPersonalToken(db, user, input);
    return { ...token, expiresAt: token.expiresAt?.toISOString() ?? null };
  },
);

export const revokeTokenAction = action(
  { permission: "account.self" },
  z.object({ tokenId: z.uuid() }),
  async ({ tokenId }, { user }) => {
    await revokePersonalToken(db, user, tokenId);
    return { revoked: true };
  },
);
