/**
 * Old change-log rows are pruned: a client that was away longer than the
 * retention reloads the story instead of replaying (the events stream tells
 * it to, see oldestCursor).
 */
import type { Db } from "../db";

export const DEFAULT_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** Deletes rows older than `retentionMs`; returns how many. */
export async function pruneChangeLog(db: Db, retentionMs = DEFAULT_RETENTION_MS): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "ChangeLog" WHERE at < now() - make_interval(secs => ${retentionMs / 1000}::float8)`;
}
