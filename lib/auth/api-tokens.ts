/**
 * Personal access tokens for scripts. The secret is shown once at creation;
 * only its SHA-256 is stored. A token is never more than its owner's current
 * standing: every use re-reads the owner's role, whether the account is
 * disabled and whether a temporary password must still be replaced, so
 * demoting, disabling or resetting the owner limits or ends the token at once.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { AppError, notFound } from "../errors";
import { audit, type Auditor } from "../audit/log";
import { CREDENTIAL_USER_SELECT, credentialUser, type CurrentUser } from "./sessions";

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
      user: { select: CREDENTIAL_USER_SELECT },
    },
  });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now) || row.user.disabledAt) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return credentialUser(row.user, null);
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

/**
 * Revokes every token the user still has (a password reset or change: a
 * compromised account's scripts stop at once). Returns how many were revoked.
 */
export async function revokeAllApiTokens(db: Pick<Db, "apiToken">, userId: string, now = new Date()): Promise<number> {
  const { count } = await db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

/** The user's tokens (never their secrets), newest first. */
export async function listApiTokens(db: Db, userId: string) {
  return db.apiToken.findMany({
    where: { userId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}

export const MAX_TOKENS_PER_USER = 50;

/**
 * Creates a personal access token for `owner` and audits it, as done by
 * `actor` (the owner on their account page; the operator's CLI for someone
 * else). The secret is returned once.
 */
export async function createPersonalToken(
  db: Db,
  owner: { id: string; email: string },
  input: { name: string; expiresInDays: number | null },
  { actor = owner, now = new Date() }: { actor?: Auditor; now?: Date } = {},
): Promise<{ id: string; token: string; prefix: string; expiresAt: Date | null }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw new AppError("INVALID_INPUT", "Give the token a name of 1 to 100 characters.");
  const active = await db.apiToken.count({ where: { userId: owner.id, revokedAt: null } });
  if (active >= MAX_TOKENS_PER_USER) {
    throw new AppError(
      "TOO_MANY_TOKENS",
      actor.id === owner.id
        ? `You have ${active} active tokens. Revoke some you no longer use first.`
        : `${owner.email} has ${active} active tokens. Revoke some first.`,
      409,
    );
  }
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const created = await createApiToken(db, owner.id, name, expiresAt);
  await audit(db, {
    action: "token.created",
    actor,
    target: { type: "api_token", id: created.id },
    after: { name, prefix: created.prefix, expiresAt: expiresAt?.toISOString() ?? null },
    detail: { owner: owner.email },
  });
  return { ...created, expiresAt };
}

/**
 * Revokes one of `owner`'s tokens and audits it, as done by `actor` (the
 * owner, an admin on the owner's page, or the operator's CLI). A token that is
 * not the owner's is "not found"; revoking a revoked token changes nothing.
 */
export async function revokePersonalToken(
  db: Db,
  owner: { id: string; email: string },
  tokenId: string,
  { actor = owner }: { actor?: Auditor } = {},
): Promise<{ revoked: boolean }> {
  if (!/^[0-9a-f-]{36}$/i.test(tokenId)) throw notFound("The token");
  const token = await db.apiToken.findFirst({ where: { id: tokenId, userId: owner.id }, select: { name: true } });
  if (!token) throw notFound("The token");
  if (!(await revokeApiToken(db, owner.id, tokenId))) return { revoked: false }; // already revoked
  await audit(db, {
    action: "token.revoked",
    actor,
    target: { type: "api_token", id: tokenId },
    before: { name: token.name, revokedAt: null },
    after: { revokedAt: new Date().toISOString() },
    detail: { owner: owner.email },
  });
  return { revoked: true };
}
