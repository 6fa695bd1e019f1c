/**
 * Input validation with zod that fails like the rest of the domain: an
 * AppError (400) whose message names the field and the problem, with every
 * issue in `details`.
 */
import type { z } from "zod";
import { AppError } from "./errors";

export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.map(String).join(".")}: ` : "";
  return `${where}${issue.message}`;
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError("INVALID_INPUT", describeIssue(parsed.error.issues[0]!), 400, parsed.error.issues);
}
