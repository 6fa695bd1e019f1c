/**
 * Small helpers the annotation route handlers share: reading a JSON body,
 * path ids, query parameters, and answering with private, uncached JSON.
 * Authorization stays in route() (lib/http/route.ts).
 */
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import type { Actor } from "@/lib/annotation/spans";
import type { CurrentUser } from "@/lib/auth/sessions";
import { can } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/input";
import { parseInput } from "@/lib/validation";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses the JSON body (streamed up to its limit, text checked) with `schema`; a 400 names the first problem. */
export async function body<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  return parseInput(schema, await readJson(req));
}

/** A path id; anything but a UUID cannot name a row, so it is a 404. */
export function pathId(value: string, what: string): string {
  if (!UUID.test(value)) throw new AppError("NOT_FOUND", `${what} was not found.`, 404);
  return value.toLowerCase();
}

/** An optional UUID query parameter; a malformed one is a 400. */
export function queryId(req: NextRequest, name: string): string | undefined {
  const value = req.nextUrl.searchParams.get(name)?.trim();
  if (!value) return undefined;
  if (!UUID.test(value)) throw new AppError("INVALID_INPUT", `${name} must be a UUID.`, 400);
  return value.toLowerCase();
}

export function queryLimit(req: NextRequest, fallback = 20, max = 100): number {
  const raw = req.nextUrl.searchParams.get("limit");
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new AppError("INVALID_INPUT", `limit must be a whole number from 1 to ${max}.`, 400);
  }
  return n;
}

/**
 * JSON that no cache keeps: it is one user's view of newsroom data.
 * "no-transform" also keeps the server from gzipping it: these bodies are a
 * few kilobytes at most, and compressing each costs more server time than it
 * saves on the wire (measured with bench/span-writes.bench.ts).
 */
export function json(data: unknown, status = 200): NextResponse {
  return NextResponse.json(data, { status, headers: { "Cache-Control": "private, no-store, no-transform" } });
}

export function actorOf(user: CurrentUser): Actor {
  return { id: user.id, name: user.name, canReview: can(user, "annotation.review") };
}
