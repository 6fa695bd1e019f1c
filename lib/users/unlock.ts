/**
 * An admin lifts sign-in throttling from an account: its counters — from
 * every address and per address — are cleared, so the owner can sign in at
 * once. (Counters per network address stay: they are not the account's.)
 */
import type { Db } from "../db";
import { notFound } from "../errors";
import { audit, type Auditor } from "../audit/log";
import { clearAccountThrottle } from "../auth/throttle";
import { normalizeEmail } from "../auth/sign-in";

export async function unlockSignIn(
  db: Db,
  actor: Auditor,
  who: { userId: string } | { email: string },
): Promise<{ email: string; countersCleared: number }> {
  const user =
    "userId" in who
      ? /^[0-9a-f-]{36}$/i.test(who.userId)
        ? await db.user.findUnique({ where: { id: who.userId }, select: { id: true, email: true } })
        : null
      : await db.user.findUnique({ where: { email: normalizeEmail(who.email) }, select: { id: true, email: true } });
  if (!user) throw notFound("The user");
  return db.$transaction(async (tx) => {
    const countersCleared = await clearAccountThrottle(tx, user.email);
    await audit(tx, {
      action: "user.sign_in_unlocked",
      actor,
      target: { type: "user", id: user.id },
      detail: { countersCleared, via: actor.id === null ? "cli" : "console" },
    });
    return { email: user.email, countersCleared };
  });
}
