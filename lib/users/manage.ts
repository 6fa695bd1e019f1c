/**
 * What admins do to accounts: create, change role, disable and enable, reset
 * the password. Every change is audited with before/after in the same
 * transaction as the change itself.
 *
 * The last active admin can be neither demoted nor disabled. The check locks
 * every active admin row (SELECT … FOR UPDATE) first, so two admins demoting
 * each other at the same moment are serialized: the second sees that only one
 * admin is left and is refused.
 */
import type { Db, Prisma } from "../db";
import { AppError, notFound } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { audit, type Auditor } from "../audit/log";
import { revokeAllApiTokens } from "../auth/api-tokens";
import { issuePasswordToken } from "../auth/password-tokens";
import { revokeAllSessions } from "../auth/sessions";
import { newUserSchema, type NewUser } from "./input";

type Tx = Prisma.TransactionClient;

const LAST_ADMIN_MESSAGE =
  "This is the last active administrator. Make another person an administrator first, so that someone can still manage accounts.";

async function lockTarget(tx: Tx, userId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) throw notFound("The user");
  // Lock the active admins first, always in the same order, then the target.
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "disabledAt" IS NULL ORDER BY "id" FOR UPDATE`;
  const rows = await tx.$queryRaw<{ id: string; email: string; name: string; role: Role; disabledAt: Date | null }[]>`
    SELECT "id", "email", "name", "role", "disabledAt" FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;
  const user = rows[0];
  if (!user) throw notFound("The user");
  const isLastActiveAdmin = admins.length === 1 && admins[0]!.id === user.id;
  return { user, isLastActiveAdmin };
}

export async function createUser(
  db: Db,
  actor: Auditor,
  input: NewUser,
): Promise<{ id: string; email: string; token: string; link: string; expiresAt: Date }> {
  const data = newUserSchema.parse(input);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
    if (existing) throw new AppError("EMAIL_TAKEN", `There is already an account for ${data.email}.`, 409);
    const user = await tx.user.create({ data: { email: data.email, name: data.name, role: data.role } });
    const { token, link, expiresAt } = await issuePasswordToken(tx, user.id, "SETUP");
    await audit(tx, {
      action: "user.created",
      actor,
      target: { type: "user", id: user.id },
      after: { email: user.email, name: user.name, role: user.role },
    });
    return { id: user.id, email: user.email, token, link, expiresAt };
  });
}

export async function changeRole(db: Db, actor: Auditor, userId: string, role: Role): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const { user, isLastActiveAdmin } = await lockTarget(tx, userId);
    if (user.role === role) return { changed: false };
    if (isLastActiveAdmin && role !== "ADMIN") throw new AppError("LAST_ADMIN", LAST_ADMIN_MESSAGE, 409);
    await tx.user.update({ where: { id: user.id }, data: { role } });
    // Sessions stay open: every request reads the role afresh, so the new one applies at once.
    await audit(tx, {
      action: "user.role_changed",
      actor,
      target: { type: "user", id: user.id },
      before: { role: user.role },
      after: { role },
    });
    return { changed: true };
  });
}

/** Disabling ends every session at once (API tokens stop working too: they check the account). */
export async function setDisabled(
  db: Db,
  actor: Auditor,
  userId: string,
  disabled: boolean,
): Promise<{ changed: boolean; sessionsEnded: number }> {
  return db.$transaction(async (tx) => {
    const { user, isLastActiveAdmin } = await lockTarget(tx, userId);
    if (!!user.disabledAt === disabled) return { changed: false, sessionsEnded: 0 };
    if (disabled && isLastActiveAdmin) throw new AppError("LAST_ADMIN", LAST_ADMIN_MESSAGE, 409);
    const now = new Date();
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? now : null } });
    const sessionsEnded = disabled ? await revokeAllSessions(tx, user.id) : 0;
    await audit(tx, {
      action: disabled ? "user.disabled" : "user.enabled",
      actor,
      target: { type: "user", id: user.id },
      before: { disabledAt: user.disabledAt?.toISOString() ?? null },
      after: { disabledAt: disabled ? now.toISOString() : null },
      detail: disabled ? { sessionsEnded } : null,
    });
    return { changed: true, sessionsEnded };
  });
}

/**
 * A new one-time link replaces the password: the old password stops working,
 * every session ends and every API token is revoked at once (a reset is the
 * answer to a compromised account).
 */
export async function resetPassword(
  db: Db,
  actor: Auditor,
  userId: string,
): Promise<{ token: string; link: string; expiresAt: Date; sessionsEnded: number; tokensRevoked: number }> {
  return db.$transaction(async (tx) => {
    const { user } = await lockTarget(tx, userId);
    if (user.disabledAt) throw new AppError("USER_DISABLED", "Enable the account before resetting its password.", 409);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: null, mustSetPassword: false } });
    const sessionsEnded = await revokeAllSessions(tx, user.id);
    const tokensRevoked = await revokeAllApiTokens(tx, user.id);
    const { token, link, expiresAt } = await issuePasswordToken(tx, user.id, "RESET");
    await audit(tx, {
      action: "user.password_reset",
      actor,
      target: { type: "user", id: user.id },
      detail: { sessionsEnded, tokensRevoked, linkExpiresAt: expiresAt.toISOString() },
    });
    return { token, link, expiresAt, sessionsEnded, tokensRevoked };
  });
}
