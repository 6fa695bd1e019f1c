/**
 * What an export selects. The filter is plain JSON (it is stored with jobs and
 * dataset snapshots and cited with them), validated with zod and normalized:
 * lists are de-duplicated and sorted, language tags canonicalized, so two
 * filters that select the same data serialize the same. Deleted spans are
 * never exported; there is deliberately no option for them.
 */
import { z } from "zod";
import { ExportFilterError } from "./errors";

export const SPAN_KINDS = ["entity", "claim"] as const;
export const REVIEW_STATUSES = ["PENDING", "APPROVED", "REJECTED"] as const;

export type SpanKindName = (typeof SPAN_KINDS)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const nonEmpty = z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters");

/** A de-duplicated, code-point-sorted list, omitted when empty. */
function list<T extends z.ZodType<string>>(item: T) {
  return z
    .array(item)
    .max(1000, "at most 1000 values")
    .optional()
    .transform((values) => (values?.length ? uniqueSorted(values as string[]) : undefined));
}

const language = z
  .string()
  .trim()
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: `invalid language tag ${JSON.stringify(tag)} (BCP 47, e.g. sv, zh-Hans)` });
    return z.NEVER;
  });

/** A date (`2026-03-01`, a whole day in UTC) or a timestamp with an offset. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be a date (2026-03-01) or an ISO timestamp (2026-03-01T12:00:00Z)",
});

const range = (bound: z.ZodType<string>) =>
  z
    .strictObject({ from: bound.optional(), to: bound.optional() })
    .optional()
    .transform((r) =>
      r && (r.from || r.to) ? { ...(r.from && { from: r.from }), ...(r.to && { to: r.to }) } : undefined,
    )
    .refine((r) => !r?.from || !r.to || boundStart(r.from) < boundEnd(r.to), "`from` must be before `to`");

const kind = z.preprocess((v) => (typeof v === "string" ? v.toLowerCase() : v), z.enum(SPAN_KINDS));
const reviewStatus = z.preprocess((v) => (typeof v === "string" ? v.toUpperCase() : v), z.enum(REVIEW_STATUSES));

/** The layers named by a word; any other value names an annotator. */
export const LAYER_NAMES = new Set(["curated", "shared", "all"]);

export const exportFilterSchema = z.strictObject({
  /** Story keys. */
  stories: list(nonEmpty),
  /** BCP 47 tags of the articles (language versions). */
  languages: list(language),
  outlets: list(nonEmpty),
  /** Label keys (PERSON, ORG, CLAIM…). */
  labels: list(nonEmpty),
  kinds: list(kind),
  /** Users who created the spans, by id or e-mail. */
  annotators: list(nonEmpty.transform((v) => (v.includes("@") ? v.toLowerCase() : v))),
  reviewStatuses: list(reviewStatus),
  /** When the span was created; dates are whole days in UTC, `to` included. */
  created: range(instant),
  /** When the span was last changed. */
  updated: range(instant),
  /** The article's publication date. */
  published: range(z.iso.date()),
  /**
   * Which annotation layer: "curated", "shared", "all" (every layer, for a
   * lossless copy), or one annotator's own (their e-mail or id). Absent: the
   * curated layer of each article that has one, else the shared layer.
   */
  layer: nonEmpty
    .transform((v) => (v.includes("@") ? v.toLowerCase() : LAYER_NAMES.has(v.toLowerCase()) ? v.toLowerCase() : v))
    .optional(),
});

export type ExportFilterInput = z.input<typeof exportFilterSchema>;
export type ExportFilter = z.output<typeof exportFilterSchema>;

/** Validates and normalizes a filter; throws ExportFilterError with readable reasons. */
export function parseExportFilter(input: unknown): ExportFilter {
  const parsed = exportFilterSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new ExportFilterError(
      parsed.error.issues.map((issue) => {
        const where = issue.path.map(String).join(".");
        return where ? `${where}: ${issue.message}` : issue.message;
      }),
    );
  }
  // Drop absent keys so the stored JSON (and its citation) stays minimal.
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as ExportFilter;
}

/** Whether the filter constrains spans (and so which articles have something to show). */
export function hasSpanCriteria(filter: ExportFilter): boolean {
  return !!(
    filter.labels ||
    filter.kinds ||
    filter.annotators ||
    filter.reviewStatuses ||
    filter.created ||
    filter.updated
  );
}

/** Inclusive lower bound of a range end, as an ISO timestamp. */
export function boundStart(value: string): string {
  return value.length === 10 ? `${value}T00:00:00.000Z` : new Date(value).toISOString();
}

/** Exclusive upper bound: a date includes its whole day. */
export function boundEnd(value: string): string {
  if (value.length !== 10) return new Date(new Date(value).getTime() + 1).toISOString();
  const next = new Date(`${value}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/** Code-point order (as PostgreSQL's "C" collation sorts UTF-8), not UTF-16 order. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort(compareCodePoints);
}

/** A one-line human summary of a filter, for logs and listings. */
export function describeFilter(filter: ExportFilter): string {
  const parts: string[] = [];
  const add = (name: string, values?: readonly string[]) => values && parts.push(`${name} ${values.join(", ")}`);
  add("stories", filter.stories);
  add("languages", filter.languages);
  add("outlets", filter.outlets);
  add("labels", filter.labels);
  add("kinds", filter.kinds);
  add("annotators", filter.annotators);
  add("review", filter.reviewStatuses);
  if (filter.layer) parts.push(`layer ${filter.layer}`);
  for (const key of ["created", "updated", "published"] as const) {
    const r = filter[key];
    if (r) parts.push(`${key} ${r.from ?? "…"} to ${r.to ?? "…"}`);
  }
  return parts.length ? parts.join("; ") : "everything";
}
