/**
 * Server-side sessions. The session cookie (a next-auth JWT) carries only the
 * id of a UserSession row; every request looks the row and its user up, so
 * revoking the row, disabling the user or changing their role takes effect on
 * the very next request.
 */
import type { Db, Prisma } from "../db";
import type { Role } from "../generated/prisma/enums";
import { SESSION_MAX_AGE_SECONDS, SESSION_TOUCH_INTERVAL_MS } from "./config";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustSetPassword: boolean;
  /** The UserSession behind a browser request; null for API tokens. */
  sessionId: string | null;
  via: "session" | "token";
}

/** The account columns a session or API token is checked against and resolves to. */
export const CREDENTIAL_USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  mustSetPassword: true,
} as const satisfies Prisma.UserSelect;

/** The CurrentUser a valid session (`sessionId`) or API token (null) stands for. */
export function credentialUser(
  user: Pick<CurrentUser, "id" | "email" | "name" | "role" | "mustSetPassword">,
  sessionId: string | null,
): CurrentUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustSetPassword: user.mustSetPassword,
    sessionId,
    via: sessionId === null ? "token" : "session",
  };
}

export async function createSession(
  db: Pick<Db, "userSession">,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null; method?: string } = {},
): Promise<string> {
  const session = await db.userSession.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      method: meta.method ?? "password",
    },
  });
  return session.id;
}

/** The signed-in user behind a session id, or null if the session or the account is no longer valid. */
export async function resolveSession(db: Db, sessionId: string): Promise<CurrentUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const session = await db.userSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: CREDENTIAL_USER_SELECT },
    },
  });
  const now = Date.now();
  if (!session || session.revokedAt || session.expiresAt.getTime() <= now || session.user.disabledAt) return null;
  if (now - session.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await db.userSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  return credentialUser(session.user, session.id);
}

export async function revokeSession(db: Pick<Db, "userSession">, sessionId: string): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Signs a user out everywhere (all browsers). Returns how many sessions ended. */
export async function revokeAllSessions(
  db: Pick<Db, "userSession">,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  const { count } = await db.userSession.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** A user's sessions that can still be used, newest first (for "where am I signed in"). */
export async function listActiveSessions(db: Db, userId: string, now = new Date()) {
  return db.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true, method: true },
  });
}

/** Ends one of the user's own sessions. Returns false when it was not theirs or already ended. */
export async function revokeOwnSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db.userSession.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}
