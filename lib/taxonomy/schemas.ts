/** Input rules for labels and verdict ratings, with messages an administrator can act on. */
import { z } from "zod";
import { graphemeSegmenter } from "../text/graphemes";

export const taxonomyKey = z
  .string()
  .trim()
  .transform((k) => k.toUpperCase())
  .pipe(
    z
      .string()
      .min(1, "Enter a key, e.g. ORG.")
      .regex(/^[A-Z][A-Z0-9_]{0,31}$/, "The key must start with a letter and use only A–Z, 0–9 and _ (at most 32)."),
  );

const name = z.string().trim().min(1, "Enter a name.").max(60, "The name is longer than 60 characters.");

const color = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "The colour must be a hex colour like #2563eb.")
  .transform((c) => c.toLowerCase());

/** One key the annotator presses to pick the label: a single visible character; letters compared case-insensitively. */
const shortcut = z
  .string()
  .trim()
  .transform((s) => (s === "" ? null : s.toLowerCase()))
  .refine((s) => s === null || [...graphemeSegmenter().segment(s)].length === 1, {
    message: "The shortcut must be a single character.",
  })
  .nullable()
  .optional()
  .transform((s) => s ?? null);

export const labelInput = z.object({
  key: taxonomyKey,
  name,
  kind: z.enum(["ENTITY", "CLAIM"], { error: "Choose whether the label tags entities or claims." }),
  color,
  shortcut,
});

export const verdictInput = z.object({
  key: taxonomyKey,
  name,
  value: z.coerce
    .number({ error: "The value must be a number." })
    .int("The value must be a whole number.")
    .min(0, "The value must be between 0 and 100.")
    .max(100, "The value must be between 0 and 100."),
  color,
  description: z
    .string()
    .trim()
    .max(500, "The description is longer than 500 characters.")
    .transform((d) => d || null)
    .nullable()
    .optional()
    .transform((d) => d ?? null),
});

export type LabelInput = z.infer<typeof labelInput>;
export type VerdictInput = z.infer<typeof verdictInput>;

export const moveDirection = z.enum(["up", "down"]);
export type MoveDirection = z.infer<typeof moveDirection>;
