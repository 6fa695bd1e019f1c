/**
 * Where the change feed may safely be read up to.
 *
 * Change-log ids come from a sequence, so they are handed out in one order
 * and committed in another: while a transaction holding id 7 is still open,
 * id 8 may already be visible. A reader that served 8 and moved its cursor
 * past it would never see 7. So the feed is served only up to the horizon:
 * the highest id such that every id at or below it is final — committed
 * (and visible), or rolled back for good.
 *
 * A missing id below a visible one is either in flight or rolled back. Its
 * transaction took the id before the visible row was written, and the change
 * log is only written by triggers after the transaction's own first write, so
 * that transaction already had an id (xid) below the xmax of the snapshot
 * that first saw the gap. Once a later snapshot's xmin reaches that xmax,
 * every such transaction has ended: an id still missing then was rolled back.
 *
 * Pure bookkeeping: the caller reads rows and snapshot bounds in one
 * statement (feed.ts) and hands them here.
 */

export interface SnapshotBounds {
  /** Every transaction id below this has ended. */
  xmin: bigint;
  /** The first transaction id not yet assigned when the snapshot was taken. */
  xmax: bigint;
}

interface Gap {
  from: number;
  to: number;
  /** xmax of the snapshot that first saw these ids missing. */
  xmax: bigint;
}

export class Horizon {
  private gaps: Gap[] = [];
  private seenUpTo: number;

  /** `value` must itself be final (see startHorizon in feed.ts). */
  constructor(private current: number) {
    this.seenUpTo = current;
  }

  get value(): number {
    return this.current;
  }

  /** Whether ids above the horizon are known to be missing (in flight, or not yet known to be rolled back). */
  get waiting(): boolean {
    return this.gaps.length > 0;
  }

  /**
   * Takes the rows above the horizon that one snapshot sees, in id order,
   * and returns those now safe to serve (a prefix of them), moving the
   * horizon past them.
   */
  advance<T extends { id: number }>(rows: readonly T[], snapshot: SnapshotBounds): T[] {
    let previous = this.current;
    for (const row of rows) {
      if (row.id <= this.current) continue;
      const from = Math.max(previous, this.seenUpTo) + 1;
      if (from < row.id) this.gaps.push({ from, to: row.id - 1, xmax: snapshot.xmax });
      previous = row.id;
    }
    this.seenUpTo = Math.max(this.seenUpTo, previous);

    const served: T[] = [];
    let next = this.current + 1;
    for (const row of rows) {
      if (row.id < next) continue;
      while (next < row.id) {
        const gap = this.gaps.find((g) => g.from <= next && next <= g.to);
        if (!gap || gap.xmax > snapshot.xmin) break;
        next = Math.min(gap.to, row.id - 1) + 1;
      }
      if (next !== row.id) break;
      served.push(row);
      next = row.id + 1;
    }
    this.current = next - 1;
    this.gaps = this.gaps
      .filter((g) => g.to > this.current)
      .map((g) => (g.from <= this.current ? { ...g, from: this.current + 1 } : g));
    return served;
  }
}
