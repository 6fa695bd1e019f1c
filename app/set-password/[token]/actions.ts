"use server";

import { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import { currentHeaders } from "@/lib/auth/current-user";
import { setPasswordWithToken } from "@/lib/auth/password-tokens";
import { db } from "@/lib/db";
import { action } from "@/lib/http/action";

// Public: the one-time token in the link is the credential.
export const setPasswordAction = action(
  "public",
  z.object({ token: z.string().min(1).max(200), newPassword: z.string().max(1000) }),
  async ({ token, newPassword }) => {
    const { email } = await setPasswordWithToken(db, token, newPassword, { ip: clientIp(await currentHeaders()) });
    return { email };
  },
);
