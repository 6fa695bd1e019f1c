/**
 * zod schemas for the annotation API's inputs (docs/annotation-api.md). The
 * route handlers parse with them; the domain functions take the parsed types.
 */
import { z } from "zod";
import { normalizeSnippet } from "../text/normalize";

export const MAX_MUTATIONS = 500;

const offset = (name: string) =>
  z
    .number({ error: `${name} must be a number (a code-point offset)` })
    .int(`${name} must be an integer (a code-point offset)`)
    .min(0, `${name} must not be negative`);

const id = (what: string) => z.uuid(`${what} must be a UUID`);
const optionalId = (what: string) => id(what).nullable().optional();
const kind = z.enum(["ENTITY", "CLAIM"], { error: 'kind must be "ENTITY" or "CLAIM"' });
const reviewStatus = z.enum(["PENDING", "APPROVED", "REJECTED"], {
  error: 'reviewStatus must be "PENDING", "APPROVED" or "REJECTED"',
});
const mutationId = z
  .string({ error: "mutationId must be a string" })
  .min(1, "mutationId must not be empty")
  .max(200, "mutationId is too long");
// A quote is compared with the stored text, which is NFC: compare like with like.
const quote = z
  .string({ error: "quote must be a string" })
  .max(100_000, "quote is too long")
  .transform((q) => q.normalize("NFC"));
const baseVersion = z.number().int().min(1, "baseVersion must be a positive integer");

export const createMutation = z.object({
  type: z.literal("create"),
  mutationId,
  span: z.object({
    id: id("span.id"),
    articleId: id("span.articleId"),
    start: offset("start"),
    end: offset("end"),
    quote,
    kind,
    labelId: optionalId("labelId"),
    entityId: optionalId("entityId"),
    claimId: optionalId("claimId"),
    source: z.enum(["MANUAL", "SUGGESTION"]).optional(),
  }),
});

export const updateMutation = z.object({
  type: z.literal("update"),
  mutationId,
  spanId: id("spanId"),
  baseVersion,
  patch: z
    .object({
      start: offset("start").optional(),
      end: offset("end").optional(),
      quote: quote.optional(),
      kind: kind.optional(),
      labelId: optionalId("labelId"),
      entityId: optionalId("entityId"),
      claimId: optionalId("claimId"),
      reviewStatus: reviewStatus.optional(),
    })
    .strict(),
});

export const deleteMutation = z.object({ type: z.literal("delete"), mutationId, spanId: id("spanId"), baseVersion });
export const restoreMutation = z.object({ type: z.literal("restore"), mutationId, spanId: id("spanId"), baseVersion });

export const spanMutation = z.discriminatedUnion(
  "type",
  [createMutation, updateMutation, deleteMutation, restoreMutation],
  {
    error: 'type must be "create", "update", "delete" or "restore"',
  },
);

export type SpanMutation = z.infer<typeof spanMutation>;
export type CreateMutation = z.infer<typeof createMutation>;
export type UpdateMutation = z.infer<typeof updateMutation>;

/** The batch envelope; each mutation is parsed on its own so one bad one does not sink the rest. */
export const mutationBatch = z.object({
  mutations: z
    .array(z.unknown(), { error: "mutations must be an array" })
    .min(1, "mutations must not be empty")
    .max(MAX_MUTATIONS, `at most ${MAX_MUTATIONS} mutations per request`),
});

/** A BCP 47 language tag, canonicalized ("zh-hans" → "zh-Hans"). */
export const languageTag = z
  .string()
  .trim()
  .min(1, "language must not be empty")
  .transform((tag, ctx) => {
    try {
      return Intl.getCanonicalLocales(tag)[0]!;
    } catch {
      ctx.addIssue({ code: "custom", message: `"${tag}" is not a BCP 47 language tag (e.g. "en", "zh-Hans")` });
      return z.NEVER;
    }
  });

/** A short human text (name, alias): NFC, spaces collapsed, trimmed. */
const cleanText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .transform((v) => normalizeSnippet(v).replace(/\s+/gu, " ").trim())
    .pipe(z.string().min(1, `${what} must not be empty`).max(max, `${what} is longer than ${max} characters`));

const optionalNote = (what: string, max: number) =>
  z
    .string()
    .max(max, `${what} is longer than ${max} characters`)
    .transform((v) => normalizeSnippet(v).trim() || null)
    .nullable()
    .optional();

export const aliasInput = z.object({ language: languageTag, alias: cleanText("alias", 300) });

const wikidataQid = z
  .string()
  .trim()
  .regex(/^Q[1-9][0-9]*$/, 'wikidataQid must look like "Q42"')
  .nullable()
  .optional();

export const entityCreateInput = z.object({
  name: cleanText("name", 300),
  labelId: id("labelId"),
  wikidataQid,
  description: optionalNote("description", 2000),
  aliases: z.array(aliasInput).max(200).optional(),
  /** Create even when an entity with the same name and type exists (two people can share a name). */
  allowDuplicate: z.boolean().optional(),
});

export const entityUpdateInput = z
  .object({
    /** The entity's version the edit was made against; a newer one makes it a VERSION_CONFLICT. */
    baseVersion,
    name: cleanText("name", 300).optional(),
    labelId: id("labelId").optional(),
    wikidataQid,
    description: optionalNote("description", 2000),
    /** Replaces the alias list. */
    aliases: z.array(aliasInput).max(200).optional(),
    addAliases: z.array(aliasInput).max(200).optional(),
    removeAliases: z.array(aliasInput).max(200).optional(),
  })
  .strict();

export type EntityCreateInput = z.infer<typeof entityCreateInput>;
export type EntityUpdateInput = z.infer<typeof entityUpdateInput>;

const evidenceUrl = z
  .url({ protocol: /^https?$/, error: "evidence URLs must be http(s) URLs" })
  .max(2000, "evidence URL is too long");

const claimFields = {
  statement: cleanText("statement", 2000),
  storyId: optionalId("storyId"),
  claimantId: optionalId("claimantId"),
  claimDate: z.iso.date("claimDate must be a date (YYYY-MM-DD)").nullable().optional(),
  verdictId: optionalId("verdictId"),
  note: optionalNote("note", 5000),
  evidenceUrls: z.array(evidenceUrl).max(50, "at most 50 evidence URLs").optional(),
};

export const claimCreateInput = z.object(claimFields);
export const claimUpdateInput = z
  .object({
    /** The claim's version the edit was made against; a newer one makes it a VERSION_CONFLICT. */
    baseVersion,
    ...claimFields,
    statement: claimFields.statement.optional(),
  })
  .strict();

export type ClaimCreateInput = z.infer<typeof claimCreateInput>;
export type ClaimUpdateInput = z.infer<typeof claimUpdateInput>;

export const suggestionRejectionInput = z.object({
  entityId: id("entityId"),
  articleId: id("articleId"),
  start: offset("start"),
  end: offset("end"),
  quote: z.string().max(10_000),
});

export type SuggestionRejectionInput = z.infer<typeof suggestionRejectionInput>;
