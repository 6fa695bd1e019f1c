/**
 * Password sign-in: refuses attempts throttled for this address, pauses
 * attempts on an account under attack (never refusing them: see throttle.ts),
 * checks the credentials, opens a server-side session and records the outcome
 * in the audit log. The same generic message is returned for an unknown
 * e-mail and a wrong password.
 */
import type { Db } from "../db";
import { audit } from "../audit/log";
import { hashPassword, verifyPassword } from "./password";
import { createSession } from "./sessions";
import { checkThrottle, clearAccountThrottle, recordFailure, throttleKeys } from "./throttle";

export type SignInResult =
  | { ok: true; userId: string; email: string; name: string; sessionId: string }
  | { ok: false; code: "INVALID" | "DISABLED" | "THROTTLED"; message: string; retryAt?: Date };

const INVALID = "That e-mail and password do not match an account.";

// Verifying against a real hash for unknown e-mails keeps the response time
// the same, so timing does not reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Text PostgreSQL can store: a NUL or a lone surrogate (never in a stored
 * address) becomes U+FFFD, so such an attempt is throttled and audited like
 * any other wrong address instead of failing in the database.
 */
function storable(value: string): string {
  return value.toWellFormed().replaceAll("\0", "\uFFFD");
}

export async function signInWithPassword(
  db: Db,
  input: {
    email: string;
    password: string;
    ip?: string | null;
    userAgent?: string | null;
    now?: Date;
    /** Waits out the account's pause (tests record it instead). */
    pause?: (ms: number) => Promise<void>;
  },
): Promise<SignInResult> {
  const email = storable(normalizeEmail(input.email).slice(0, 320));
  const now = input.now ?? new Date();
  const keys = throttleKeys(email, input.ip);

  const { refusal, pauseMs } = await checkThrottle(db, keys, now);
  if (refusal) {
    await audit(db, {
      action: "auth.sign_in_throttled",
      ip: input.ip,
      detail: { email, scope: refusal.scope, retryAt: refusal.retryAt.toISOString(), locked: refusal.locked },
    });
    return { ok: false, code: "THROTTLED", message: refusal.message, retryAt: refusal.retryAt };
  }
  if (pauseMs > 0) await (input.pause ?? sleep)(pauseMs);

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  dummyHash ??= hashPassword("parallax-timing-equalizer");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !user.passwordHash || !valid) {
    const locked = await recordFailure(db, keys, now);
    await audit(db, {
      action: "auth.sign_in_failed",
      target: user ? { type: "user", id: user.id } : null,
      ip: input.ip,
      detail: { email, reason: !user ? "unknown_email" : user.passwordHash ? "wrong_password" : "no_password" },
    });
    for (const k of locked) {
      await audit(db, {
        action: "auth.locked",
        target: k.scope === "pair" && user ? { type: "user", id: user.id } : null,
        ip: input.ip,
        detail: { key: k.key, minutes: k.policy.lockMs / 60_000 },
      });
    }
    return { ok: false, code: "INVALID", message: INVALID };
  }
  if (user.disabledAt) {
    await audit(db, {
      action: "auth.sign_in_failed",
      target: { type: "user", id: user.id },
      ip: input.ip,
      detail: { email, reason: "disabled" },
    });
    return { ok: false, code: "DISABLED", message: "This account is disabled. Ask an administrator to enable it." };
  }
  await clearAccountThrottle(db, email);
  const sessionId = await createSession(db, user.id, { ip: input.ip, userAgent: input.userAgent, method: "password" });
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  await audit(db, {
    action: "auth.sign_in",
    actor: { id: user.id, email: user.email },
    target: { type: "user", id: user.id },
    ip: input.ip,
    detail: { method: "password" },
  });
  return { ok: true, userId: user.id, email: user.email, name: user.name, sessionId };
}
