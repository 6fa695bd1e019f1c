"use server";

import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { revokeAllSessions, revokeOwnSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { action } from "@/lib/http/action";

export const revokeSessionAction = action(
  { permission: "account.self" },
  z.object({ sessionId: z.uuid() }),
  async ({ sessionId }, { user }) => {
    if (!(await revokeOwnSession(db, user.id, sessionId))) throw notFound("That session");
    await audit(db, {
      action: "auth.session_revoked",
      actor: user,
      target: { type: "session", id: sessionId },
    });
    return { current: sessionId === user.sessionId };
  },
);

/** Ends every session of the user, this one included; the browser then clears its cookie. */
export const signOutEverywhereAction = action(
  { permission: "account.self" },
  z.object({}),
  async (_input, { user }) => {
    const ended = await revokeAllSessions(db, user.id);
    await audit(db, {
      action: "auth.sign_out_everywhere",
      actor: user,
      target: { type: "user", id: user.id },
      detail: { sessionsEnded: ended },
    });
    return { ended };
  },
);
