/**
 * CSV of spans for spreadsheets: RFC 4180 (comma, CRLF, fields quoted when
 * they hold a comma, quote or line break; quotes doubled), one header row, one
 * row per span, UTF-8 with a byte-order mark so Excel reads Arabic and Chinese
 * right. Cells that a spreadsheet would run as a formula (starting with = + -
 * @, tab or carriage return) get a leading apostrophe, as OWASP recommends
 * against CSV injection; a cell that itself starts with an apostrophe gets one
 * too, so removing one leading apostrophe always restores the value.
 */
import { exportKey } from "../records";
import type { FormatSpec } from "./types";

export const CSV_COLUMNS = [
  "span_id",
  "article_id",
  "external_id",
  "story",
  "language",
  "outlet",
  "start",
  "end",
  "quote",
  "kind",
  "label",
  "entity_key",
  "entity_name",
  "entity_wikidata_qid",
  "claim_key",
  "claim_statement",
  "claim_verdict",
  "review_status",
  "created_by",
  "updated_by",
  "created_at",
  "updated_at",
] as const;

const FORMULA = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly (string | number | null)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** Undoes csvCell's formula protection on a parsed cell. */
export function unprotectCsvCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

export const csv: FormatSpec = {
  id: "csv",
  title: "CSV of spans",
  extension: "csv",
  mediaType: "text/csv; charset=utf-8; header=present",
  unit: "spans",
  shape: () => ({ placedOnly: true, articlesWithoutSpans: false }),
  async *render(ctx) {
    const { reader } = ctx;
    yield (ctx.csvBom ? "\uFEFF" : "") + csvRow(CSV_COLUMNS);
    for await (const { article: a, spans, last } of ctx.chunks()) {
      let out = "";
      for (const s of spans) {
        const e = s.entityId ? reader.entity(s.entityId) : null;
        const c = s.claimId ? reader.claim(s.claimId) : null;
        out += csvRow([
          s.id,
          a.id,
          a.externalId,
          a.story,
          a.language,
          a.outlet,
          s.start,
          s.end,
          s.quote,
          s.kind === "CLAIM" ? "claim" : "entity",
          s.label,
          e && exportKey(e),
          e?.name ?? null,
          e?.wikidataQid ?? null,
          c && exportKey(c),
          c?.statement ?? null,
          c?.verdict?.key ?? null,
          s.reviewStatus,
          s.createdBy,
          s.updatedBy,
          s.createdAt,
          s.updatedAt,
        ]);
      }
      ctx.done(spans.length, last ? 1 : 0);
      yield out;
    }
  },
};
