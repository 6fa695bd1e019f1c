/**
 * Presence: who has a story open, in which pane (article), with which span
 * selected. One row per browser tab, refreshed by the tab (every
 * PRESENCE_HEARTBEAT_MS and on every change of pane or selection) and
 * announced with NOTIFY, so every app instance pushes the story's new
 * presence list to its streams. A tab that leaves says so (a beacon on
 * pagehide), and the end of the event stream it last reported itself live on
 * counts as leaving too (the stream names its tab; the tab names its stream,
 * which the server gave it in the `ready` frame); one that just vanishes
 * stops counting after PRESENCE_TTL_MS.
 */
import type { Db } from "../db";

export const PRESENCE_CHANNEL = "parallax_presence";
/** How often an open tab says it is still here. */
export const PRESENCE_HEARTBEAT_MS = 8_000;
/** A tab not heard of for this long no longer counts (two heartbeats missed, and some). */
export const PRESENCE_TTL_MS = 20_000;
/** A tab that named no stream is left alone by a stream ending this soon after it was heard of (see presenceStreamEnded). */
export const STREAM_END_GRACE_MS = 1_500;

export interface PresencePerson {
  tabId: string;
  userId: string;
  name: string;
  articleId: string | null;
  language: string | null;
  spanId: string | null;
}

export interface PresenceUpdate {
  tabId: string;
  articleId: string | null;
  spanId: string | null;
  /** The event stream the tab is live on (from its `ready` frame), if it has one yet. */
  streamId?: string | null;
}

export async function touchPresence(db: Db, storyId: string, userId: string, update: PresenceUpdate): Promise<void> {
  await db.$executeRaw`
    WITH up AS (
      INSERT INTO "Presence" ("tabId", "storyId", "userId", "articleId", "spanId", "streamId", "seenAt")
      VALUES (${update.tabId}, ${storyId}::uuid, ${userId}::uuid, ${update.articleId}::uuid, ${update.spanId}::uuid,
        ${update.streamId ?? null}, now())
      ON CONFLICT ("tabId") DO UPDATE SET "storyId" = EXCLUDED."storyId", "userId" = EXCLUDED."userId",
        "articleId" = EXCLUDED."articleId", "spanId" = EXCLUDED."spanId", "streamId" = EXCLUDED."streamId",
        "seenAt" = now()
      WHERE "Presence"."userId" = EXCLUDED."userId"
      RETURNING "storyId"
    )
    SELECT pg_notify(${PRESENCE_CHANNEL}, "storyId"::text) FROM up`;
}

/** The tab left (closed, or its stream ended); `userId` guards against removing someone else's tab. */
export async function leavePresence(db: Db, tabId: string, userId: string): Promise<void> {
  await db.$executeRaw`
    WITH gone AS (
      DELETE FROM "Presence" WHERE "tabId" = ${tabId} AND "userId" = ${userId}::uuid RETURNING "storyId"
    )
    SELECT pg_notify(${PRESENCE_CHANNEL}, "storyId"::text) FROM gone`;
}

/**
 * One of the tab's event streams ended (the tab closed, went offline or
 * navigated away). The tab leaves if that stream is the one it last said it
 * was live on — however recently: a closing tab's last heartbeat may be a
 * moment old. A newer stream of the same tab (it reconnected before the
 * server noticed the old one end) has taken the row over, which stays. A
 * tab that never named a stream leaves unless heard of within `graceMs`.
 */
export async function presenceStreamEnded(
  db: Db,
  tabId: string,
  userId: string,
  streamId: string,
  graceMs = STREAM_END_GRACE_MS,
): Promise<void> {
  await db.$executeRaw`
    WITH gone AS (
      DELETE FROM "Presence"
      WHERE "tabId" = ${tabId} AND "userId" = ${userId}::uuid
        AND ("streamId" = ${streamId}
          OR ("streamId" IS NULL AND "seenAt" < now() - make_interval(secs => ${graceMs / 1000}::float8)))
      RETURNING "storyId"
    )
    SELECT pg_notify(${PRESENCE_CHANNEL}, "storyId"::text) FROM gone`;
}

/** The story's present tabs (in a stable order, so an unchanged list compares equal). */
export async function presenceOf(db: Db, storyId: string): Promise<PresencePerson[]> {
  return db.$queryRaw<PresencePerson[]>`
    SELECT p."tabId", p."userId"::text AS "userId", u.name, p."articleId"::text AS "articleId",
      a.language, p."spanId"::text AS "spanId"
    FROM "Presence" p
    JOIN "User" u ON u.id = p."userId"
    LEFT JOIN "Article" a ON a.id = p."articleId"
    WHERE p."storyId" = ${storyId}::uuid AND p."seenAt" > now() - make_interval(secs => ${PRESENCE_TTL_MS / 1000}::float8)
    ORDER BY p."tabId"`;
}

/** Deletes rows long expired. */
export async function prunePresence(db: Db): Promise<number> {
  return db.$executeRaw`DELETE FROM "Presence" WHERE "seenAt" < now() - interval '10 minutes'`;
}
