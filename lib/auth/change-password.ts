import type { Db } from "../db";
import { AppError } from "../errors";
import { audit } from "../audit/log";
import { revokeAllApiTokens } from "./api-tokens";
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from "./password";
import { revokeAllSessions } from "./sessions";

/**
 * A user replaces their password (their temporary one, or a known one). Every
 * other session of theirs ends and every API token is revoked; the current
 * session stays signed in.
 */
export async function changeOwnPassword(
  db: Db,
  user: { id: string; email: string; sessionId: string | null },
  input: { currentPassword: string; newPassword: string },
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("WEAK_PASSWORD", `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError("SAME_PASSWORD", "The new password must differ from the current one.");
  }
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AppError("WRONG_PASSWORD", "The current password is not correct.");
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustSetPassword: false } });
    const sessionsEnded = await revokeAllSessions(tx, user.id, user.sessionId ?? undefined);
    const tokensRevoked = await revokeAllApiTokens(tx, user.id);
    await audit(tx, {
      action: "user.password_changed",
      actor: user,
      target: { type: "user", id: user.id },
      detail: { sessionsEnded, tokensRevoked },
    });
    return { sessionsEnded, tokensRevoked };
  });
}
