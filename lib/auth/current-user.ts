import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { headers } from "next/headers";
import { cache } from "react";
import { db } from "../db";
import { resolveRequestUser } from "./request-user";
import type { CurrentUser } from "./sessions";

type HeaderSource = { get(name: string): string | null };

// Server actions and pages read the caller from Next's request headers. Code
// that runs them outside a Next request (the authorization matrix test, a
// script) provides the headers here instead; in the app this is never set.
const requestHeaders = new AsyncLocalStorage<HeaderSource>();

/** Runs `fn` as if it were a request carrying `source`'s headers (cookie, authorization). */
export function withRequestHeaders<T>(source: HeaderSource, fn: () => Promise<T>): Promise<T> {
  return requestHeaders.run(source, fn);
}

/** The current request's headers: those given to withRequestHeaders, else Next's. */
export async function currentHeaders(): Promise<HeaderSource> {
  return requestHeaders.getStore() ?? (await headers());
}

/** The user making the current request (page, server action or route handler), resolved once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> =>
  resolveRequestUser(db, await currentHeaders()),
);
