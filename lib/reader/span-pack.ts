/**
 * The spans of a pane as the page sends them to the browser, in as few bytes
 * as the browser can turn back into exactly the annotation API's SpanDTO:
 *
 * - positional rows instead of one JSON object per span;
 * - tables of the users and of the label, entity and claim ids, which repeat
 *   across thousands of spans, referenced by index;
 * - no quote, prefix and suffix where they are what the article text says at
 *   the span's offsets (nearly always): the browser has the text and cuts
 *   them out again with the server's own `quoteAt`. An orphaned span, whose
 *   quote no longer matches, carries them.
 *
 * For an article of 100,000 characters and 5,000 spans this is a third of
 * the bytes of the plain rows, and the page is streamed, parsed and hydrated
 * that much sooner. The page carries the result as one JSON string
 * (`encodeSpans`): React serializes a string prop in one piece, where
 * thousands of small arrays cost it (and the browser) a value each.
 */
import type { SpanDTO, UserRef } from "../annotation/dto";
import { OffsetIndex } from "../text/code-points";
import { quoteAt } from "../text/quote";

const KINDS = ["ENTITY", "CLAIM"] as const;
const REVIEWS = ["PENDING", "APPROVED", "REJECTED"] as const;
const SOURCES = ["MANUAL", "IMPORT", "SUGGESTION"] as const;

/** Quote, prefix and suffix when they are not what the text says at the offsets; 0 when they are. */
type Context = [quote: string, prefix: string, suffix: string] | 0;

type Row = [
  id: string,
  revision: number,
  start: number,
  end: number,
  context: Context,
  kind: number,
  labelId: number,
  entityId: number,
  claimId: number,
  review: number,
  orphaned: 0 | 1,
  source: number,
  version: number,
  createdBy: number,
  updatedBy: number,
  createdAt: number,
  updatedAt: number,
];

export interface PackedSpans {
  users: UserRef[];
  ids: string[];
  rows: Row[];
}

/** Interns values into a table and answers their index (-1 for null). */
function interner<T, K>(key: (value: T) => K) {
  const table: T[] = [];
  const index = new Map<K, number>();
  const ref = (value: T | null): number => {
    if (value === null) return -1;
    const k = key(value);
    let i = index.get(k);
    if (i === undefined) {
      i = table.push(value) - 1;
      index.set(k, i);
    }
    return i;
  };
  return { table, ref };
}

export function packSpans(spans: readonly SpanDTO[], text: string): PackedSpans {
  const users = interner((u: UserRef) => u.id);
  const ids = interner((id: string) => id);
  const index = new OffsetIndex(text);
  const rows = spans.map((s): Row => {
    const derived = s.end <= index.length ? quoteAt(index, s.start, s.end) : null;
    const same =
      derived !== null && derived.quote === s.quote && derived.prefix === s.prefix && derived.suffix === s.suffix;
    return [
      s.id,
      s.revision,
      s.start,
      s.end,
      same ? 0 : [s.quote, s.prefix, s.suffix],
      KINDS.indexOf(s.kind),
      ids.ref(s.labelId),
      ids.ref(s.entityId),
      ids.ref(s.claimId),
      REVIEWS.indexOf(s.reviewStatus),
      s.orphaned ? 1 : 0,
      SOURCES.indexOf(s.source),
      s.version,
      users.ref(s.createdBy && { id: s.createdBy.id, name: s.createdBy.name }),
      users.ref(s.updatedBy && { id: s.updatedBy.id, name: s.updatedBy.name }),
      Date.parse(s.createdAt),
      Date.parse(s.updatedAt),
    ];
  });
  return { users: users.table, ids: ids.table, rows };
}

export function unpackSpans(packed: PackedSpans, articleId: string, text: string): SpanDTO[] {
  const user = (i: number) => (i >= 0 ? packed.users[i]! : null);
  const id = (i: number) => (i >= 0 ? packed.ids[i]! : null);
  const index = new OffsetIndex(text);
  return packed.rows.map((r) => {
    const { quote, prefix, suffix } =
      r[4] === 0 ? quoteAt(index, r[2], r[3]) : { quote: r[4][0], prefix: r[4][1], suffix: r[4][2] };
    return {
      id: r[0],
      articleId,
      revision: r[1],
      start: r[2],
      end: r[3],
      quote,
      prefix,
      suffix,
      kind: KINDS[r[5]]!,
      labelId: id(r[6]),
      entityId: id(r[7]),
      claimId: id(r[8]),
      reviewStatus: REVIEWS[r[9]]!,
      orphaned: r[10] === 1,
      source: SOURCES[r[11]]!,
      version: r[12],
      createdBy: user(r[13]),
      updatedBy: user(r[14]),
      createdAt: new Date(r[15]).toISOString(),
      updatedAt: new Date(r[16]).toISOString(),
    };
  });
}

export function encodeSpans(spans: readonly SpanDTO[], text: string): string {
  return JSON.stringify(packSpans(spans, text));
}

export function decodeSpans(json: string, articleId: string, text: string): SpanDTO[] {
  return unpackSpans(JSON.parse(json) as PackedSpans, articleId, text);
}
