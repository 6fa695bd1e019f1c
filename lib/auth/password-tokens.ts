/**
 * One-time set-password links. An admin creating a user or resetting a
 * password gets a link to hand over; the token in it is shown once and only
 * its SHA-256 is stored. Using it sets the password and ends every session of
 * the account.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { AppError } from "../errors";
import type { PasswordTokenPurpose } from "../generated/prisma/enums";
import { audit, type Auditor } from "../audit/log";
import { hashToken } from "./api-tokens";
import { appUrl } from "./config";
import { MIN_PASSWORD_LENGTH, hashPassword } from "./password";
import { revokeAllSessions } from "./sessions";

export const PASSWORD_TOKEN_TTL_MS: Record<PasswordTokenPurpose, number> = {
  SETUP: 7 * 24 * 60 * 60_000,
  RESET: 24 * 60 * 60_000,
};

export function passwordLink(token: string): string {
  return `${appUrl().replace(/\/$/, "")}/set-password/${token}`;
}

/** Issues a new link for `userId`; links issued before it stop working. */
export async function issuePasswordToken(
  db: Pick<Db, "passwordToken">,
  userId: string,
  purpose: PasswordTokenPurpose,
  now = new Date(),
): Promise<{ token: string; link: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_TOKEN_TTL_MS[purpose]);
  await db.passwordToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await db.passwordToken.create({ data: { userId, tokenHash: hashToken(token), purpose, expiresAt } });
  return { token, link: passwordLink(token), expiresAt };
}

const INVALID_LINK = new AppError(
  "INVALID_LINK",
  "This link is not valid any more: it was used, replaced by a newer one, or has expired. Ask an administrator for a new one.",
  410,
);

/** The account a link is for, if the link can still be used. */
export async function findUsablePasswordToken(db: Db, token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db.passwordToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      purpose: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, disabledAt: true } },
    },
  });
  if (!row || row.usedAt || row.expiresAt <= now || row.user.disabledAt) return null;
  return row;
}

/** Sets the password through a link. The link is used up even if two requests race. */
export async function setPasswordWithToken(
  db: Db,
  token: string,
  newPassword: string,
  /** `actor`: who the change is recorded as done by, when not the account's owner (the operator's CLI). */
  meta: { ip?: string | null; actor?: Auditor } = {},
  now = new Date(),
): Promise<{ email: string }> {
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("WEAK_PASSWORD", `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const row = await findUsablePasswordToken(db, token, now);
  if (!row) throw INVALID_LINK;
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    const { count } = await tx.passwordToken.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: now },
    });
    if (count !== 1) throw INVALID_LINK;
    await tx.user.update({ where: { id: row.user.id }, data: { passwordHash, mustSetPassword: false } });
    await revokeAllSessions(tx, row.user.id);
    await audit(tx, {
      action: "user.password_set",
      actor: meta.actor ?? { id: row.user.id, email: row.user.email },
      target: { type: "user", id: row.user.id },
      ip: meta.ip,
      detail: { via: meta.actor ? "operator" : row.purpose === "SETUP" ? "setup_link" : "reset_link" },
    });
  });
  return { email: row.user.email };
}
