/**
 * The places a curator decides on, for one article: every group of
 * annotators' spans that overlap one another (transitively) is a unit. A unit
 * is agreed when every annotator has exactly one span in it and all of them
 * are the same (offsets, label, entity, claim); otherwise it is a
 * disagreement. A unit is settled when the curated layer has a span in its
 * range, or when the curator rejected it (its spans are marked REJECTED).
 * Pure: spans in, units out.
 */

export interface UnitSpan {
  id: string;
  start: number;
  end: number;
  kind: string;
  labelId: string | null;
  entityId: string | null;
  claimId: string | null;
  /** The annotator whose layer it is (null for a curated span). */
  ownerId: string | null;
  reviewStatus: string;
}

export interface CurationUnit {
  /** Stable for the same spans: "start-end" of the unit's range. */
  key: string;
  start: number;
  end: number;
  /** Per annotator (in the order given): their spans in the unit, in text order. */
  versions: { annotatorId: string; spans: UnitSpan[] }[];
  agreed: boolean;
  /** Curated spans in the unit's range. */
  curated: UnitSpan[];
  /** Curated, or rejected by the curator. */
  settled: boolean;
  rejected: boolean;
}

/** What makes two spans "the same" for agreement (offsets, kind, label and links). */
export const sameSpanKey = (s: Pick<UnitSpan, "start" | "end" | "kind" | "labelId" | "entityId" | "claimId">) =>
  [s.start, s.end, s.kind, s.labelId, s.entityId, s.claimId].join("|");

const byPosition = (a: UnitSpan, b: UnitSpan) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1);

/** The units of one article: annotators' spans grouped by overlap, with the curated spans of each range. */
export function curationUnits(
  annotatorIds: readonly string[],
  annotatorSpans: readonly UnitSpan[],
  curatedSpans: readonly UnitSpan[],
): CurationUnit[] {
  const sorted = annotatorSpans.filter((s) => s.ownerId && annotatorIds.includes(s.ownerId)).sort(byPosition);
  const groups: UnitSpan[][] = [];
  let end = -1;
  for (const s of sorted) {
    // Overlap only: spans that merely touch (one ends where the next starts) are separate.
    if (groups.length && s.start < end) {
      groups.at(-1)!.push(s);
      end = Math.max(end, s.end);
    } else {
      groups.push([s]);
      end = s.end;
    }
  }
  const curated = [...curatedSpans].sort(byPosition);
  return groups.map((spans) => {
    const start = spans[0]!.start;
    const stop = Math.max(...spans.map((s) => s.end));
    const versions = annotatorIds.map((annotatorId) => ({
      annotatorId,
      spans: spans.filter((s) => s.ownerId === annotatorId),
    }));
    const keys = new Set(spans.map(sameSpanKey));
    const agreed = versions.every((v) => v.spans.length === 1) && keys.size === 1;
    const inRange = curated.filter((c) => c.start < stop && c.end > start);
    const rejected = inRange.length === 0 && spans.every((s) => s.reviewStatus === "REJECTED");
    return {
      key: `${start}-${stop}`,
      start,
      end: stop,
      versions,
      agreed,
      curated: inRange,
      settled: inRange.length > 0 || rejected,
      rejected,
    };
  });
}

/** The index of the next (or previous) disagreement after `from` (-1: from the start), wrapping; -1 if none. */
export function nextDisagreement(units: readonly CurationUnit[], from: number, direction: 1 | -1): number {
  const n = units.length;
  const origin = from < 0 && direction === -1 ? n : from;
  for (let step = 1; step <= n; step++) {
    const i = (((origin + direction * step) % n) + n) % n;
    if (!units[i]!.agreed) return i;
  }
  return -1;
}
