/**
 * The shape of one line of article JSONL (docs/formats.md): the corpus
 * format, plus optional spans, entity and claim definitions, and the fields a
 * Parallax JSONL export adds. Unknown fields are ignored, so newer exports
 * still import.
 */
import { z } from "zod";

const id = z.guid().transform((s) => s.toLowerCase());
/** Offsets, versions and revisions are stored as 32-bit integers. */
const int32 = z.int().max(2_147_483_647);
/**
 * Versions and revisions go up by one with every edit: an imported one must
 * leave room for edits, or the record could never be changed again (the next
 * number would not fit the column). A billion edits is room enough.
 */
export const MAX_IMPORTED_COUNTER = 1_000_000_000;
const counter = z
  .int()
  .min(1)
  .max(MAX_IMPORTED_COUNTER, `must be at most ${MAX_IMPORTED_COUNTER} (it grows with every edit)`);
const text = z.string();
const optionalText = z.string().nullish();
/** "2024-01-11", or a full timestamp of which the date is kept. */
const isoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true, local: true })]).nullish();
const noControls = (s: string) => !/[\u0000-\u001f\u007f-\u009f]/.test(s);
const key = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters")
  .refine(noControls, "must not contain control characters");
/** An absolute http(s) URL, as the annotation API requires of evidence. */
const httpUrl = z
  .string()
  .trim()
  .pipe(
    z
      .url({ protocol: /^https?$/, error: "must be an absolute http:// or https:// URL" })
      .max(2000, "must be at most 2000 characters"),
  );
const lowerEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.toLowerCase() : v), z.enum(values));
const upperEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.toUpperCase() : v), z.enum(values));

export const importSpanSchema = z.object({
  id: id.optional(),
  start: int32.min(0),
  end: int32.min(0),
  text: text,
  kind: lowerEnum(["entity", "claim"] as const),
  label: key.nullish(),
  entity: key.nullish(),
  claim: key.nullish(),
  prefix: z.string().nullish(),
  suffix: z.string().nullish(),
  review_status: upperEnum(["PENDING", "APPROVED", "REJECTED"] as const).nullish(),
  orphaned: z.boolean().nullish(),
  /** For orphaned spans: the article revision their offsets refer to. */
  revision: counter.nullish(),
  source: upperEnum(["MANUAL", "IMPORT", "SUGGESTION"] as const).nullish(),
  version: counter.nullish(),
  /** E-mail of who made (changed) the span: linked to a user of this newsroom, else kept as it is. */
  created_by: z.string().max(320).refine(noControls).nullish(),
  updated_by: z.string().max(320).refine(noControls).nullish(),
  created_at: z.iso.datetime({ offset: true }).nullish(),
  updated_at: z.iso.datetime({ offset: true }).nullish(),
  /** The annotation layer; absent: an annotator's own when `annotator` is given, else the shared one. */
  layer: lowerEnum(["shared", "annotator", "curated"] as const).nullish(),
  /** E-mail of the account whose own layer the span goes to (it must exist). */
  annotator: z.string().trim().max(320).refine(noControls).nullish(),
  /** Curated spans: e-mails of who proposed and who accepted it (unknown ones are left out). */
  proposed_by: z.string().max(320).refine(noControls).nullish(),
  accepted_by: z.string().max(320).refine(noControls).nullish(),
  /** Curated spans: the annotator span it was taken from. */
  source_span: id.nullish(),
});

export const importEntitySchema = z.object({
  key,
  id: id.nullish(),
  name: z.string().trim().min(1, "must not be empty"),
  label: key.nullish(),
  wikidata_qid: z
    .string()
    .regex(/^Q[1-9][0-9]*$/, "must be a Wikidata item id such as Q71")
    .nullish(),
  description: optionalText,
  aliases: z.array(z.object({ language: z.string(), alias: z.string().trim().min(1) })).nullish(),
});

export const importClaimSchema = z.object({
  key,
  id: id.nullish(),
  statement: z.string().trim().min(1, "must not be empty"),
  claimant: key.nullish(),
  claim_date: isoDate,
  verdict: key.nullish(),
  note: optionalText,
  evidence_urls: z.array(httpUrl).nullish(),
  created_at: z.iso.datetime({ offset: true }).nullish(),
  updated_at: z.iso.datetime({ offset: true }).nullish(),
});

export const importLineSchema = z.object({
  id: id.nullish(),
  external_id: z
    .union([z.string(), z.number().transform(String)])
    .pipe(
      z
        .string()
        .trim()
        .max(500, "must be at most 500 characters")
        .refine(noControls, "must not contain control characters"),
    )
    .nullish(),
  story: key.nullish(),
  story_title: optionalText,
  language: z.string({ error: "is required (a BCP 47 tag such as sv, en, zh-Hans)" }),
  title: optionalText,
  outlet: optionalText,
  author: optionalText,
  /** The article's address; "" counts as none. */
  url: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), httpUrl.nullish()),
  published: isoDate,
  status: upperEnum(["NEW", "IN_PROGRESS", "REVIEWED"] as const).nullish(),
  revision: counter.nullish(),
  content_hash: z.string().nullish(),
  text: z.string({ error: "is required" }),
  spans: z.array(importSpanSchema).nullish(),
  entities: z.array(importEntitySchema).nullish(),
  claims: z.array(importClaimSchema).nullish(),
});

export type ImportLine = z.infer<typeof importLineSchema>;
export type ImportSpan = z.infer<typeof importSpanSchema>;
export type ImportEntity = z.infer<typeof importEntitySchema>;
export type ImportClaim = z.infer<typeof importClaimSchema>;

/** One readable reason from a zod error: `spans[3].start: Invalid input: expected int, received number`. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
      .join("");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - max;
  return parts.join("; ") + (more > 0 ? ` (and ${more} more)` : "");
}
