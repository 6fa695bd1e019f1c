/**
 * Typed fetchers for the annotation routes the panels read and write
 * (docs/annotation-api.md). Each throws an ApiError carrying the server's
 * code and message, so a panel can show exactly why something was refused.
 */
import type { PackedSpans } from "../reader/span-pack";
import type { ClaimDTO, EntityDTO, SpanDTO, SpanHistoryEntry, StoryAnnotations, Suggestion, Taxonomy } from "./types";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function send(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", "The server cannot be reached. Check the connection and try again.");
  }
}

function failure(status: number, json: { error?: { code: string; message: string; details?: unknown } } | null) {
  const e = json?.error;
  return new ApiError(status, e?.code ?? `HTTP_${status}`, e?.message ?? `Request failed (${status}).`, e?.details);
}

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const res = await send(method, url, body, signal);
  const json = (await res.json().catch(() => null)) as
    (T & { error?: { code: string; message: string; details?: unknown } }) | null;
  if (!res.ok || !json) throw failure(res.status, json);
  return json;
}

/** Reads an answer of JSON lines, handing each to `onLine` as it arrives (awaited before the next is read). */
async function readLines(
  url: string,
  onLine: (value: unknown) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await send("GET", url, undefined, signal);
  if (!res.ok || !res.body) throw failure(res.status, await res.json().catch(() => null));
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = "";
  for (;;) {
    const { done, value } = await reader.read();
    rest += value ?? "";
    const lines = rest.split("\n");
    rest = done ? "" : lines.pop()!;
    for (const line of lines) if (line.trim()) await onLine(JSON.parse(line));
    if (done) return;
  }
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

const id = encodeURIComponent;

export const annotationApi = {
  taxonomy: (signal?: AbortSignal) => request<Taxonomy>("GET", "/api/taxonomy", undefined, signal),

  searchEntities: (
    p: { q?: string; language?: string; label?: string; storyId?: string; limit?: number },
    signal?: AbortSignal,
  ) => request<{ entities: EntityDTO[] }>("GET", `/api/entities${query(p)}`, undefined, signal).then((r) => r.entities),

  createEntity: (input: {
    name: string;
    labelId: string;
    wikidataQid?: string | null;
    description?: string | null;
    aliases?: { language: string; alias: string }[];
    allowDuplicate?: boolean;
  }) => request<{ entity: EntityDTO }>("POST", "/api/entities", input).then((r) => r.entity),

  getEntity: (entityId: string, signal?: AbortSignal) =>
    request<{ entity: EntityDTO }>("GET", `/api/entities/${id(entityId)}`, undefined, signal).then((r) => r.entity),

  /**
   * Renames or retypes an entity; a new type is carried to every span linked
   * to it. `baseVersion` is the entity's version the edit was made against:
   * if someone changed it meanwhile, an ApiError VERSION_CONFLICT carries the
   * entity as it is now (conflictingEntity).
   */
  updateEntity: (entityId: string, baseVersion: number, patch: { name?: string; labelId?: string }) =>
    request<{ entity: EntityDTO }>("PATCH", `/api/entities/${id(entityId)}`, { baseVersion, ...patch }).then(
      (r) => r.entity,
    ),

  addAlias: (entityId: string, baseVersion: number, alias: { language: string; alias: string }) =>
    request<{ entity: EntityDTO }>("PATCH", `/api/entities/${id(entityId)}`, {
      baseVersion,
      addAliases: [alias],
    }).then((r) => r.entity),

  /** Edits a claim made against `baseVersion` (VERSION_CONFLICT with the claim as it is now otherwise). */
  updateClaim: (
    claimId: string,
    baseVersion: number,
    patch: {
      statement?: string;
      claimantId?: string | null;
      claimDate?: string | null;
      verdictId?: string | null;
      note?: string | null;
      evidenceUrls?: string[];
    },
  ) =>
    request<{ claim: ClaimDTO }>("PATCH", `/api/claims/${id(claimId)}`, { baseVersion, ...patch }).then((r) => r.claim),

  searchClaims: (p: { q?: string; storyId?: string; limit?: number }, signal?: AbortSignal) =>
    request<{ claims: ClaimDTO[] }>("GET", `/api/claims${query(p)}`, undefined, signal).then((r) => r.claims),

  createClaim: (input: {
    statement: string;
    storyId?: string | null;
    claimantId?: string | null;
    claimDate?: string | null;
    verdictId?: string | null;
    note?: string | null;
    evidenceUrls?: string[];
  }) => request<{ claim: ClaimDTO }>("POST", "/api/claims", input).then((r) => r.claim),

  storyAnnotations: (storyId: string, signal?: AbortSignal) =>
    request<StoryAnnotations>("GET", `/api/stories/${id(storyId)}/annotations`, undefined, signal),

  suggestions: (storyId: string, entityId: string, signal?: AbortSignal) =>
    request<{ suggestions: Suggestion[] }>(
      "GET",
      `/api/stories/${id(storyId)}/suggestions${query({ entityId })}`,
      undefined,
      signal,
    ).then((r) => r.suggestions),

  rejectSuggestion: (storyId: string, s: Pick<Suggestion, "entityId" | "articleId" | "start" | "end" | "quote">) =>
    request<{ ok: true }>("POST", `/api/stories/${id(storyId)}/suggestions/rejections`, {
      entityId: s.entityId,
      articleId: s.articleId,
      start: s.start,
      end: s.end,
      quote: s.quote,
    }),

  articleSpans: (articleId: string, signal?: AbortSignal) =>
    request<{ spans: SpanDTO[] }>("GET", `/api/articles/${id(articleId)}/spans`, undefined, signal).then(
      (r) => r.spans,
    ),

  /**
   * A long article's spans from `from` (code points) on, at the text's
   * `revision`, packed for the reader in parts of a few thousand spans:
   * `onPart` takes each as it arrives, so no one part holds the page long.
   */
  laterSpans: (
    articleId: string,
    from: number,
    revision: number,
    onPart: (part: PackedSpans) => Promise<void> | void,
    signal?: AbortSignal,
  ) =>
    readLines(
      `/api/articles/${id(articleId)}/spans/later${query({ from, revision })}`,
      (line) => onPart(line as PackedSpans),
      signal,
    ),

  spanHistory: (spanId: string, signal?: AbortSignal) =>
    request<{ history: SpanHistoryEntry[] }>("GET", `/api/spans/${id(spanId)}/history`, undefined, signal).then(
      (r) => r.history,
    ),
};

/** The entity as it is now, when `error` is a VERSION_CONFLICT answer to an entity edit. */
export function conflictingEntity(error: unknown): EntityDTO | null {
  if (!(error instanceof ApiError) || error.code !== "VERSION_CONFLICT") return null;
  return (error.details as { current?: EntityDTO } | undefined)?.current ?? null;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
