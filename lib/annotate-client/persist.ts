/**
 * The pending queue in localStorage, keyed by user, so that a reload (or a
 * crash) while offline loses nothing: the next store for the same user picks
 * the queue up and sends it again with the same mutation ids.
 */
import type { QueuedMutation } from "./ops";

export type QueueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const VERSION = 1;

export function defaultStorage(): QueueStorage | null {
  try {
    return typeof globalThis.localStorage === "undefined" ? null : globalThis.localStorage;
  } catch {
    return null; // storage disabled (privacy settings): the queue lives in memory only
  }
}

export function queueKey(userId: string, prefix = "parallax.annotate.queue"): string {
  return `${prefix}.${userId}`;
}

export function loadQueue(storage: QueueStorage | null, key: string): QueuedMutation[] {
  if (!storage) return [];
  try {
    const raw = storage.getItem(key);
    if (!raw) return [];
    const parsed = JSON.parse(raw) as { v?: number; queue?: QueuedMutation[] };
    if (parsed.v !== VERSION || !Array.isArray(parsed.queue)) return [];
    return parsed.queue.filter((q) => typeof q?.mutationId === "string" && typeof q.articleId === "string" && q.op);
  } catch {
    return [];
  }
}

export function saveQueue(storage: QueueStorage | null, key: string, queue: readonly QueuedMutation[]): void {
  if (!storage) return;
  try {
    if (queue.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify({ v: VERSION, queue }));
  } catch {
    // Quota exceeded: the queue stays in memory; it is still sent.
  }
}
