/**
 * Password hashing with Argon2id (memory-hard), via @node-rs/argon2 — a
 * maintained binding that ships prebuilt binaries through npm.
 */
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// OWASP's recommended Argon2id parameters: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random password for one-time display (e.g. the first admin): 20 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
