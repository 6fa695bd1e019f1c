/**
 * The spans of a pane as the page sends them to the browser: positional rows
 * and a table of users instead of one JSON object per span, which halves the
 * page for an article with thousands of spans (the field names and the
 * repeated article id and authors were most of it). `unpackSpans` gives back
 * exactly the annotation API's SpanDTO. The page carries them as one JSON
 * string (`encodeSpans`): React serializes a string prop in one piece,
 * where thousands of small arrays cost it (and the browser) a value each.
 */
import type { SpanDTO, UserRef } from "../annotation/dto";

const KINDS = ["ENTITY", "CLAIM"] as const;
const REVIEWS = ["PENDING", "APPROVED", "REJECTED"] as const;
const SOURCES = ["MANUAL", "IMPORT", "SUGGESTION"] as const;

type Row = [
  id: string,
  revision: number,
  start: number,
  end: number,
  quote: string,
  prefix: string,
  suffix: string,
  kind: number,
  labelId: string | null,
  entityId: string | null,
  claimId: string | null,
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
  rows: Row[];
}

export function packSpans(spans: readonly SpanDTO[]): PackedSpans {
  const users: UserRef[] = [];
  const userIndex = new Map<string, number>();
  const ref = (u: UserRef | null) => {
    if (!u) return -1;
    let i = userIndex.get(u.id);
    if (i === undefined) {
      i = users.push({ id: u.id, name: u.name }) - 1;
      userIndex.set(u.id, i);
    }
    return i;
  };
  const rows = spans.map((s): Row => [
    s.id,
    s.revision,
    s.start,
    s.end,
    s.quote,
    s.prefix,
    s.suffix,
    KINDS.indexOf(s.kind),
    s.labelId,
    s.entityId,
    s.claimId,
    REVIEWS.indexOf(s.reviewStatus),
    s.orphaned ? 1 : 0,
    SOURCES.indexOf(s.source),
    s.version,
    ref(s.createdBy),
    ref(s.updatedBy),
    Date.parse(s.createdAt),
    Date.parse(s.updatedAt),
  ]);
  return { users, rows };
}

export function unpackSpans(packed: PackedSpans, articleId: string): SpanDTO[] {
  const user = (i: number) => (i >= 0 ? packed.users[i]! : null);
  return packed.rows.map((r) => ({
    id: r[0],
    articleId,
    revision: r[1],
    start: r[2],
    end: r[3],
    quote: r[4],
    prefix: r[5],
    suffix: r[6],
    kind: KINDS[r[7]]!,
    labelId: r[8],
    entityId: r[9],
    claimId: r[10],
    reviewStatus: REVIEWS[r[11]]!,
    orphaned: r[12] === 1,
    source: SOURCES[r[13]]!,
    version: r[14],
    createdBy: user(r[15]),
    updatedBy: user(r[16]),
    createdAt: new Date(r[17]).toISOString(),
    updatedAt: new Date(r[18]).toISOString(),
  }));
}

export function encodeSpans(spans: readonly SpanDTO[]): string {
  return JSON.stringify(packSpans(spans));
}

export function decodeSpans(json: string, articleId: string): SpanDTO[] {
  return unpackSpans(JSON.parse(json) as PackedSpans, articleId);
}
