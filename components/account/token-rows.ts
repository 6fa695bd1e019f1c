import type { listApiTokens } from "@/lib/auth/api-tokens";
import type { TokenRow } from "./TokenTable";

/**
 * The tokens as TokenTable's rows (dates as ISO strings, for a client
 * component's props), for a user's own page and an administrator's.
 */
export function tokenRows(tokens: Awaited<ReturnType<typeof listApiTokens>>, now: Date): TokenRow[] {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return tokens.map((t) => ({
    ...t,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: iso(t.lastUsedAt),
    expiresAt: iso(t.expiresAt),
    revokedAt: iso(t.revokedAt),
    expired: t.expiresAt !== null && t.expiresAt <= now,
  }));
}
