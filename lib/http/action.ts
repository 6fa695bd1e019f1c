/**
 * Server actions are built with `action(access, schema, fn)`: the caller is
 * resolved from the request, the authorization rule applied, the input
 * validated with zod, and errors returned as values the form can show. (Next.js
 * itself refuses server actions posted from another origin.)
 */
import "server-only";
import type { z } from "zod";
import { AppError } from "../errors";
import { randomUUID } from "node:crypto";
import { currentHeaders, getCurrentUser } from "../auth/current-user";
import { log, withLogContext } from "../observability/log";
import { acceptableRequestId } from "../observability/request-id";
import type { CurrentUser } from "../auth/sessions";
import { decide, type Access } from "./access";
import { findInvalidText, invalidTextError } from "./input";

export type ActionError = { code: string; message: string; details?: unknown };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

const REFUSALS = {
  unauthenticated: { code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." },
  forbidden: { code: "FORBIDDEN", message: "Your role does not allow this." },
  "password-change-required": { code: "PASSWORD_CHANGE_REQUIRED", message: "Choose a new password before continuing." },
} as const;

export type GuardedAction<I, T> = ((input: I) => Promise<ActionResult<T>>) & { access: Access };

export function action<S extends z.ZodType, T>(
  access: Access,
  schema: S,
  fn: (input: z.infer<S>, ctx: { user: CurrentUser }) => Promise<T>,
): GuardedAction<z.input<S>, T> {
  const wrapped = async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const forwarded = (await currentHeaders()).get("x-request-id");
    const requestId = acceptableRequestId(forwarded) ? forwarded : randomUUID();
    return withLogContext({ requestId }, () => run(raw));
  };
  const run = async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    const decision = decide(access, user);
    if (decision !== "allow") return { ok: false, error: REFUSALS[decision] };
    const badField = findInvalidText(raw instanceof FormData ? Object.fromEntries(raw) : raw);
    if (badField !== null) {
      const { code, message } = invalidTextError(badField);
      return { ok: false, error: { code, message, details: { field: badField } } };
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? `${first.path.join(".")}: ` : "";
      return {
        ok: false,
        error: {
          code: "INVALID_INPUT",
          message: `${where}${first?.message ?? "invalid input"}`,
          details: parsed.error.issues,
        },
      };
    }
    try {
      return { ok: true, data: await fn(parsed.data, { user: user! }) };
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
      log.error({ err: error }, "a server action failed");
      return { ok: false, error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } };
    }
  };
  return Object.assign(wrapped, { access });
}
