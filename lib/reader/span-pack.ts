/**
 * The spans of a pane as the page sends them to the browser, in as few bytes
 * as the browser can turn back into exactly the annotation API's SpanDTO:
 *
 * - columns of small numbers instead of one JSON object per span: offsets
 *   and creation times as differences from the previous span's, the other
 *   fields as indices into tables;
 * - tables of the users and of the label, entity and claim ids, which repeat
 *   across thousands of spans, referenced by index;
 * - the span ids (UUIDs) as one string of 22 base64url characters each, in
 *   place of 38 characters of quoted text and their escapes;
 * - no quote, prefix and suffix where they are what the article text says at
 *   the span's offsets (nearly always): the browser has the text and cuts
 *   them out again with the server's own `quoteAt`. An orphaned span, whose
 *   quote no longer matches, carries them.
 *
 * For an article of 1,000,000 characters and 50,000 spans this is under half
 * the bytes of positional rows (a third of those of plain objects), and the
 * page is streamed, parsed and hydrated that much sooner. The page carries
 * the result as one JSON string (`encodeSpans`): React serializes a string
 * prop in one piece, where thousands of small arrays cost it (and the
 * browser) a value each.
 */
import type { SpanDTO, UserRef } from "../annotation/dto";
import { OffsetIndex } from "../text/code-points";
import { quoteAt } from "../text/quote";

const KINDS = ["ENTITY", "CLAIM"] as const;
const REVIEWS = ["PENDING", "APPROVED", "REJECTED"] as const;
const SOURCES = ["MANUAL", "IMPORT", "SUGGESTION"] as const;

/** Numbers per span in `columns`. */
const WIDTH = 12;

export interface PackedSpans {
  users: UserRef[];
  ids: string[];
  /** The span ids: 22 base64url characters per UUID, concatenated; a list when one is not a UUID. */
  spanIds: string | string[];
  /**
   * Per span, WIDTH numbers: start − previous start, end − start, revision,
   * version, flags (kind, review, orphaned, source), label, entity and claim
   * (table index + 1, 0 for none), created-by and updated-by (likewise),
   * createdAt − previous createdAt, updatedAt − createdAt (milliseconds).
   */
  columns: number[];
  /** Quote, prefix and suffix of the spans (by position) where they are not what the text says. */
  contexts: Record<number, [quote: string, prefix: string, suffix: string]>;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Value of each base64url character by its char code. */
const B64_VALUE = new Uint8Array(128);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 16 bytes of a lowercase UUID as 22 base64url characters. */
function uuidToB64(uuid: string): string {
  const hex = uuid.replace(/-/g, "");
  let out = "";
  // 128 bits: five groups of 24 bits (4 characters each), then 8 bits (2 characters).
  for (let i = 0; i < 30; i += 6) {
    const n = parseInt(hex.slice(i, i + 6), 16);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const last = parseInt(hex.slice(30, 32), 16);
  return out + B64[last >> 2]! + B64[(last & 3) << 4]!;
}

function b64ToUuid(all: string, at: number): string {
  const v = (i: number) => B64_VALUE[all.charCodeAt(at + i)]!;
  let h = "";
  for (let i = 0; i < 20; i += 4) {
    const n = (v(i) << 18) | (v(i + 1) << 12) | (v(i + 2) << 6) | v(i + 3);
    h += HEX[n >> 16]! + HEX[(n >> 8) & 255]! + HEX[n & 255]!;
  }
  h += HEX[(v(20) << 2) | (v(21) >> 4)]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** ISO strings of times in milliseconds, remembering the last few: spans written together share their times. */
function isoTimes(): (ms: number) => string {
  const seen = new Map<number, string>();
  return (ms) => {
    let iso = seen.get(ms);
    if (iso === undefined) {
      if (seen.size >= 64) seen.clear();
      iso = new Date(ms).toISOString();
      seen.set(ms, iso);
    }
    return iso;
  };
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

/**
 * One span as the packer reads it: a SpanDTO's fields, with the id already
 * in base64url (null when it is not a UUID) and the times in milliseconds,
 * which is how the reader's query hands them over (lib/reader/spans.ts).
 */
export interface PackRow {
  id: string;
  /** The id as 22 base64url characters, or null when it is not a UUID. */
  b64: string | null;
  start: number;
  end: number;
  revision: number;
  version: number;
  kind: SpanDTO["kind"];
  reviewStatus: SpanDTO["reviewStatus"];
  orphaned: boolean;
  source: SpanDTO["source"];
  labelId: string | null;
  entityId: string | null;
  claimId: string | null;
  createdBy: UserRef | null;
  updatedBy: UserRef | null;
  createdAt: number;
  updatedAt: number;
  quote: string;
  prefix: string;
  suffix: string;
}

function rowOf(s: SpanDTO): PackRow {
  return {
    ...s,
    b64: UUID.test(s.id) ? uuidToB64(s.id) : null,
    createdAt: Date.parse(s.createdAt),
    updatedAt: Date.parse(s.updatedAt),
  };
}

/**
 * Whether quote, prefix and suffix are what `quoteAt` cuts from the text,
 * compared in place (no substrings are made for the nearly always equal case).
 */
function matchesText(index: OffsetIndex, r: PackRow): boolean {
  const { text } = index;
  if (r.end > index.length || r.start > r.end) return false;
  const u0 = index.toUtf16(r.start);
  const u1 = index.toUtf16(r.end);
  if (r.quote.length !== u1 - u0 || !text.startsWith(r.quote, u0)) return false;
  const from = r.prefix.length <= u0 ? u0 - r.prefix.length : -1;
  if (from < 0 || !text.startsWith(r.prefix, from) || text.length < u1 + r.suffix.length) return false;
  if (!text.startsWith(r.suffix, u1)) return false;
  // The same pieces of text: now whether quoteAt would cut its context exactly there.
  const derived = quoteAt(index, r.start, r.end);
  return derived.prefix.length === r.prefix.length && derived.suffix.length === r.suffix.length;
}

export function packSpans(spans: readonly SpanDTO[], text: string): PackedSpans {
  return packRows(spans.map(rowOf), text);
}

export function packRows(rows: readonly PackRow[], text: string): PackedSpans {
  const users = interner((u: UserRef) => u.id);
  const ids = interner((id: string) => id);
  const index = new OffsetIndex(text);
  const columns: number[] = new Array(rows.length * WIDTH);
  const contexts: PackedSpans["contexts"] = {};
  let start = 0;
  let createdAt = 0;
  let o = 0;
  rows.forEach((s, k) => {
    if (!matchesText(index, s)) contexts[k] = [s.quote, s.prefix, s.suffix];
    columns[o++] = s.start - start;
    columns[o++] = s.end - s.start;
    columns[o++] = s.revision;
    columns[o++] = s.version;
    columns[o++] =
      KINDS.indexOf(s.kind) |
      (REVIEWS.indexOf(s.reviewStatus) << 1) |
      ((s.orphaned ? 1 : 0) << 3) |
      (SOURCES.indexOf(s.source) << 4);
    columns[o++] = ids.ref(s.labelId) + 1;
    columns[o++] = ids.ref(s.entityId) + 1;
    columns[o++] = ids.ref(s.claimId) + 1;
    columns[o++] = users.ref(s.createdBy) + 1;
    columns[o++] = users.ref(s.updatedBy) + 1;
    columns[o++] = s.createdAt - createdAt;
    columns[o++] = s.updatedAt - s.createdAt;
    start = s.start;
    createdAt = s.createdAt;
  });
  const spanIds = rows.every((s) => s.b64 !== null) ? rows.map((s) => s.b64).join("") : rows.map((s) => s.id);
  return { users: users.table, ids: ids.table, spanIds, columns, contexts };
}

export function unpackSpans(packed: PackedSpans, articleId: string, text: string): SpanDTO[] {
  const [all = []] = unpackSlices(packed, articleId, text, Infinity);
  return all;
}

/** The spans of `packed` in slices of `size`, so a long list can be decoded a slice per task. */
export function* unpackSlices(
  packed: PackedSpans,
  articleId: string,
  text: string,
  size: number,
): Generator<SpanDTO[], void, undefined> {
  const user = (i: number) => (i > 0 ? packed.users[i - 1]! : null);
  const id = (i: number) => (i > 0 ? packed.ids[i - 1]! : null);
  const index = new OffsetIndex(text);
  const { columns: c, contexts, spanIds } = packed;
  let out: SpanDTO[] = [];
  const iso = isoTimes();
  let start = 0;
  let createdAt = 0;
  for (let k = 0, o = 0; o < c.length; k++, o += WIDTH) {
    start += c[o]!;
    const end = start + c[o + 1]!;
    createdAt += c[o + 10]!;
    const flags = c[o + 4]!;
    const context = contexts[k];
    const { quote, prefix, suffix } = context
      ? { quote: context[0], prefix: context[1], suffix: context[2] }
      : quoteAt(index, start, end);
    if (out.length >= size) {
      yield out;
      out = [];
    }
    out.push({
      id: typeof spanIds === "string" ? b64ToUuid(spanIds, k * 22) : spanIds[k]!,
      articleId,
      revision: c[o + 2]!,
      start,
      end,
      quote,
      prefix,
      suffix,
      kind: KINDS[flags & 1]!,
      labelId: id(c[o + 5]!),
      entityId: id(c[o + 6]!),
      claimId: id(c[o + 7]!),
      reviewStatus: REVIEWS[(flags >> 1) & 3]!,
      orphaned: ((flags >> 3) & 1) === 1,
      source: SOURCES[(flags >> 4) & 3]!,
      version: c[o + 3]!,
      createdBy: user(c[o + 8]!),
      updatedBy: user(c[o + 9]!),
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt + c[o + 11]!),
    });
  }
  if (out.length) yield out;
}

export function encodeSpans(spans: readonly SpanDTO[], text: string): string {
  return JSON.stringify(packSpans(spans, text));
}

export function encodeRows(rows: readonly PackRow[], text: string): string {
  return JSON.stringify(packRows(rows, text));
}

export function decodeSpans(json: string, articleId: string, text: string): SpanDTO[] {
  return unpackSpans(JSON.parse(json) as PackedSpans, articleId, text);
}
