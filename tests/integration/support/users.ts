import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { authSecret, sessionCookieName } from "@/lib/auth/config";
import { createSession } from "@/lib/auth/sessions";
import type { Role } from "@/lib/generated/prisma/enums";

export async function createUser(db: Db, role: Role, password = `pw-${randomBytes(8).toString("hex")}`) {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@it.parallax.test`;
  const user = await db.user.create({
    data: { email, name: `${role} user`, role, passwordHash: await hashPassword(password) },
  });
  return { ...user, password };
}

/** A Cookie header carrying a real next-auth session cookie for a new session of `userId`. */
export async function sessionCookie(db: Db, userId: string): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await createSession(db, userId);
  const token = await encode({ token: { sid: sessionId }, secret: authSecret() });
  return { cookie: `${sessionCookieName()}=${token}`, sessionId };
}

export function headersOf(entries: Record<string, string>): Headers {
  return new Headers(entries);
}
