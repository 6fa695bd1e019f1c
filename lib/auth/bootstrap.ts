/**
 * First run: when no active admin exists, create one with a random password
 * that is shown once (on the console) and must be changed at first sign-in.
 */
import type { Db } from "../db";
import { parseEnv } from "../env";
import { generatePassword, hashPassword } from "./password";

export const FIRST_ADMIN_EMAIL = "admin@parallax.local";

export async function ensureFirstAdmin(
  db: Db,
  email = parseEnv().PARALLAX_ADMIN_EMAIL ?? FIRST_ADMIN_EMAIL,
): Promise<{ email: string; password: string } | null> {
  const admins = await db.user.count({ where: { role: "ADMIN", disabledAt: null } });
  if (admins > 0) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const normalizedEmail = email.trim().toLowerCase();
  const user = await db.user.upsert({
    where: { email: normalizedEmail },
    update: { role: "ADMIN", disabledAt: null, passwordHash, mustSetPassword: true },
    create: { email: normalizedEmail, name: "Administrator", role: "ADMIN", passwordHash, mustSetPassword: true },
  });
  await db.auditEvent.create({
    data: {
      action: "user.bootstrap_admin",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, role: user.role },
    },
  });
  return { email: normalizedEmail, password };
}
