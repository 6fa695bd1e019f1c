/**
 * Every text a request carries is checked once, where it enters: query
 * parameters (route() and the proxy), JSON bodies (readJson) and server action
 * inputs (action()). Text PostgreSQL cannot store or that is not Unicode — a
 * NUL character, a lone UTF-16 surrogate — is refused with a 400 naming the
 * field, before any handler or query sees it. JSON bodies are read as a
 * stream and refused with a 413 as soon as they pass their limit.
 */
import { z } from "zod";
import { AppError } from "../errors";

// NUL, or a surrogate that is not half of a pair (with the u flag a pair is
// one code point, so only a lone surrogate matches the range).
const invalid = /\0|[\ud800-\udfff]/u;

export function isValidText(value: string): boolean {
  return !invalid.test(value);
}

export const INVALID_TEXT_MESSAGE = "contains a NUL character or broken Unicode, which cannot be stored";

/** A zod string that refuses invalid text, for schemas that want to say so themselves. */
export const text = () => z.string().refine(isValidText, { error: INVALID_TEXT_MESSAGE });

/** The path ("filter.labels.0") of the first string or key in `value` that is not valid text, or null. */
export function findInvalidText(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return isValidText(value) ? null : path.join(".") || "(body)";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidText(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      if (!isValidText(key)) return [...path, "(a key)"].join(".");
      const found = findInvalidText(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

export function invalidTextError(field: string, where = ""): AppError {
  return new AppError("INVALID_TEXT", `${where}${field} ${INVALID_TEXT_MESSAGE}.`, 400, { field });
}

/** The name of the first query parameter (or its value) that is not valid text, or null. */
export function findInvalidQuery(params: URLSearchParams): string | null {
  for (const [name, value] of params) {
    if (!isValidText(name) || !isValidText(value)) return isValidText(name) ? name : "(a parameter name)";
  }
  return null;
}

/**
 * Why a URL cannot be served — a path segment or query parameter with
 * invalid text — or null. The proxy answers such requests with a 400 before
 * any page or handler runs.
 */
export function invalidUrlText(url: URL): AppError | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  if (!isValidText(path)) return new AppError("INVALID_TEXT", `The path ${INVALID_TEXT_MESSAGE}.`, 400);
  const name = findInvalidQuery(url.searchParams);
  return name === null ? null : invalidTextError(name, "Query parameter ");
}

/** Refuses a query string with invalid text: a 400 naming the parameter. */
export function checkQuery(params: URLSearchParams): void {
  const name = findInvalidQuery(params);
  if (name !== null) throw invalidTextError(name, "Query parameter ");
}

/** JSON request bodies (API writes) are at most this many bytes. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

export function describeLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes.toLocaleString("en-US")} bytes`;
}

function bodyTooLarge(limit: number): AppError {
  return new AppError("BODY_TOO_LARGE", `The request body is larger than the limit of ${describeLimit(limit)}.`, 413, {
    limit,
  });
}

/**
 * The request body's bytes, read as a stream and refused (413) as soon as
 * they pass `limit` — or at once when Content-Length says they will.
 */
export async function readLimitedBytes(
  req: { headers: { get(name: string): string | null }; body: ReadableStream<Uint8Array> | null },
  limit: number,
  tooLarge: (limit: number) => Error = bodyTooLarge,
): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let seen = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A JSON request body: streamed up to `limit` (413 beyond), parsed (400
 * INVALID_JSON), and checked for invalid text (400 naming the field).
 */
export async function readJson(
  req: { headers: { get(name: string): string | null }; body: ReadableStream<Uint8Array> | null },
  limit = MAX_JSON_BYTES,
): Promise<unknown> {
  const bytes = await readLimitedBytes(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("INVALID_JSON", "The request body is not valid JSON.", 400);
  }
  const field = findInvalidText(value);
  if (field !== null) throw invalidTextError(field);
  return value;
}
