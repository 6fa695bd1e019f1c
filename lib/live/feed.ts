/**
 * Reading the change feed (the ChangeLog table, written by triggers in the
 * writers' transactions; see the change_feed migration).
 *
 * - `FeedReader` follows the whole feed for one process: each `poll()` reads
 *   the rows above its horizon together with the snapshot's bounds in one
 *   statement, and returns the rows now final, in cursor order.
 * - `readStoryChanges` replays one story's changes between two cursors, for a
 *   client resuming after a cursor; the upper bound must be a horizon.
 */
import type { Db } from "../db";
import { Horizon } from "./horizon";

export const CHANGE_CHANNEL = "parallax_changes";

export type ChangeKind =
  | "span.created"
  | "span.updated"
  | "span.deleted"
  | "span.restored"
  | "entity.updated"
  | "claim.created"
  | "claim.updated"
  | "claim.deleted"
  | "alignment.corrected"
  | "article.added"
  | "article.revised"
  | "article.deleted"
  | "story.renamed";

export interface ChangeRow {
  /** The cursor. */
  id: number;
  storyId: string;
  articleId: string | null;
  kind: ChangeKind;
  subjectId: string;
  actorId: string | null;
  version: number | null;
  at: Date;
}

interface RawRow {
  id: bigint | null;
  storyId: string | null;
  articleId: string | null;
  kind: string | null;
  subjectId: string | null;
  actorId: string | null;
  version: number | null;
  at: Date | null;
  xmin: string;
  xmax: string;
}

const toRow = (r: RawRow): ChangeRow => ({
  id: Number(r.id),
  storyId: r.storyId!,
  articleId: r.articleId,
  kind: r.kind as ChangeKind,
  subjectId: r.subjectId!,
  actorId: r.actorId,
  version: r.version,
  at: r.at!,
});

const PAGE = 1000;

/** Rows above `after` and the bounds of the snapshot that read them, in one statement (one snapshot). */
async function readAbove(db: Db, after: number, limit: number) {
  const raw = await db.$queryRaw<RawRow[]>`
    WITH snap AS (SELECT pg_current_snapshot() AS s)
    SELECT pg_snapshot_xmin(snap.s)::text AS xmin, pg_snapshot_xmax(snap.s)::text AS xmax,
      c.id, c."storyId"::text, c."articleId"::text, c.kind, c."subjectId"::text, c."actorId"::text, c.version, c.at
    FROM snap LEFT JOIN LATERAL (
      SELECT * FROM "ChangeLog" WHERE id > ${after} ORDER BY id LIMIT ${limit}
    ) c ON true
    ORDER BY c.id`;
  const first = raw[0]!;
  return {
    rows: raw.filter((r) => r.id !== null).map(toRow),
    snapshot: { xmin: BigInt(first.xmin), xmax: BigInt(first.xmax) },
  };
}

/**
 * A horizon to start following the feed from: the highest id visible now,
 * once every transaction that was open at that moment has ended (they are the
 * only ones that can still commit a lower id). Usually immediate; gives up
 * waiting after `maxWaitMs` (a long-running writer elsewhere) and starts
 * from there anyway.
 */
export async function startHorizon(db: Db, maxWaitMs = 10_000): Promise<number> {
  const [start] = await db.$queryRaw<{ last: bigint | null; xmax: string }[]>`
    SELECT (SELECT max(id) FROM "ChangeLog") AS last, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`;
  const xmax = BigInt(start!.xmax);
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const [now] = await db.$queryRaw<{ xmin: string }[]>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`;
    if (BigInt(now!.xmin) >= xmax || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Number(start!.last ?? 0);
}

export class FeedReader {
  private horizon: Horizon;

  constructor(
    private db: Db,
    start: number,
  ) {
    this.horizon = new Horizon(start);
  }

  static async start(db: Db): Promise<FeedReader> {
    return new FeedReader(db, await startHorizon(db));
  }

  /** Every id at or below this is final: served already, or never to be. */
  get cursor(): number {
    return this.horizon.value;
  }

  /** Whether rows are being held back behind a transaction still open (poll again soon). */
  get waiting(): boolean {
    return this.horizon.waiting;
  }

  /** The rows that became final since the last poll, in cursor order. */
  async poll(): Promise<ChangeRow[]> {
    const served: ChangeRow[] = [];
    for (;;) {
      const { rows, snapshot } = await readAbove(this.db, this.horizon.value, PAGE);
      const now = this.horizon.advance(rows, snapshot);
      served.push(...now);
      if (rows.length < PAGE || now.length < rows.length) return served;
    }
  }
}

/** One story's changes with `after < cursor <= upTo`, in order, at most `limit`. */
export async function readStoryChanges(
  db: Db,
  storyId: string,
  after: number,
  upTo: number,
  limit = PAGE,
): Promise<ChangeRow[]> {
  const raw = await db.$queryRaw<Omit<RawRow, "xmin" | "xmax">[]>`
    SELECT id, "storyId"::text, "articleId"::text, kind, "subjectId"::text, "actorId"::text, version, at
    FROM "ChangeLog"
    WHERE "storyId" = ${storyId}::uuid AND id > ${after} AND id <= ${upTo}
    ORDER BY id LIMIT ${limit}`;
  return raw.map((r) => toRow({ ...r, xmin: "0", xmax: "0" }));
}

/** The lowest cursor still in the log (older rows were pruned), or null when it is empty. */
export async function oldestCursor(db: Db): Promise<number | null> {
  const [row] = await db.$queryRaw<{ first: bigint | null }[]>`SELECT min(id) AS first FROM "ChangeLog"`;
  return row?.first == null ? null : Number(row.first);
}
