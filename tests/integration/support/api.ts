/**
 * Calls a route handler the way Next.js would: a NextRequest (with the
 * session cookie of a real UserSession, see users.ts) and the route's params.
 * Authorization, origin checks and error mapping all run as in the app.
 */
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { prepareText } from "@/lib/articles/prepare";
import { createUser, sessionCookie } from "./users";

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;

export interface Caller {
  id: string;
  name: string;
  cookie: string | null;
}

export async function signedIn(db: Db, role: Role): Promise<Caller> {
  const user = await createUser(db, role);
  const { cookie } = await sessionCookie(db, user.id);
  return { id: user.id, name: user.name, cookie };
}

export const anonymous: Caller = { id: "", name: "", cookie: null };

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  handler: unknown,
  options: {
    as: Caller;
    method?: string;
    path?: string;
    params?: Record<string, string>;
    search?: Record<string, string>;
    body?: unknown;
  },
): Promise<CallResult<T>> {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const url = new URL(options.path ?? "/api/test", "http://localhost");
  for (const [k, v] of Object.entries(options.search ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { origin: "http://localhost" };
  if (options.as.cookie) headers.cookie = options.as.cookie;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const req = new NextRequest(url, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(options.params ?? {}) as Promise<never> });
  const text = await res.text();
  // JSON lines (application/x-ndjson) come back as the list of their values.
  const body = res.headers.get("content-type")?.includes("ndjson")
    ? text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown)
    : JSON.parse(text);
  return { status: res.status, body: body as T };
}

/** A story with articles written for a test (text normalized as at import). */
export async function createStory(db: Db, articles: { language: string; text: string }[]) {
  const story = await db.story.create({ data: { key: `it-${randomUUID()}`, title: "Integration test story" } });
  const created = [];
  for (const a of articles) {
    const prepared = prepareText(a.text);
    created.push(
      await db.article.create({
        data: {
          storyId: story.id,
          language: a.language,
          text: prepared.text,
          length: prepared.length,
          contentHash: prepared.contentHash,
          revisions: { create: { revision: 1, text: prepared.text, contentHash: prepared.contentHash } },
        },
      }),
    );
  }
  return { story, articles: created };
}

/** Code-point offsets of the first occurrence of `quote` in `text`. */
export function offsetsOf(text: string, quote: string, from = 0): { start: number; end: number; quote: string } {
  const at = text.indexOf(quote, from);
  if (at < 0) throw new Error(`"${quote}" is not in the text`);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...quote].length, quote };
}
