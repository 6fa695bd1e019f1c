/**
 * Personal access tokens for scripts. The secret is shown once at creation;
 * only its SHA-256 is stored. A token acts with its owner's current role, so
 * demoting or disabling the owner limits or ends the token at once.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import type { CurrentUser } from "./sessions";

const PREFIX = "plx_";

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function createApiToken(
  db: Db,
  userId: string,
  name: string,
  expiresAt: Date | null = null,
): Promise<{ id: string; token: string; prefix: string }> {
  const token = `${PREFIX}${randomBytes(24).toString("base64url")}`;
  const prefix = token.slice(0, PREFIX.length + 6);
  const row = await db.apiToken.create({ data: { userId, name, prefix, tokenHash: hashToken(token), expiresAt } });
  return { id: row.id, token, prefix };
}

/** The user behind a bearer token, or null when the token is unknown, revoked, expired or its owner disabled. */
export async function resolveApiToken(db: Db, token: string): Promise<CurrentUser | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
    },
  });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now) || row.user.disabledAt) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const { user } = row;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustSetPassword: false,
    sessionId: null,
    via: "token",
  };
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}
