/**
 * How the store reaches the server. A Transport sends one batch for one
 * article and answers with the HTTP status and the parsed body; it throws
 * when the network fails (nothing is known about whether the server applied
 * the batch — the retry is safe because mutation ids are idempotent).
 */
import type { MutationResult, SpanMutation } from "./types";

export interface TransportResponse {
  status: number;
  /** `{ results }` on 200, `{ error: { code, message } }` otherwise (or null when the body was not JSON). */
  body: { results?: MutationResult[]; error?: { code: string; message: string } } | null;
}

export type Transport = (articleId: string, mutations: SpanMutation[]) => Promise<TransportResponse>;

/** POST /api/articles/{id}/spans/mutations with the browser's session cookie. */
export const fetchTransport: Transport = async (articleId, mutations) => {
  const res = await fetch(`/api/articles/${encodeURIComponent(articleId)}/spans/mutations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify({ mutations }),
  });
  const body = (await res.json().catch(() => null)) as TransportResponse["body"];
  return { status: res.status, body };
};
