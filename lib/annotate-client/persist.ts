/**
 * The pending queue in localStorage, keyed by user and page, so that a reload
 * (or a crash) while offline loses nothing: the next store for the same user
 * adopts every queue it finds for that user (its own earlier one, a closed
 * tab's) and sends them again with the same mutation ids. Adopting a queue
 * another open tab still sends is harmless: the server applies a mutation id
 * once.
 */
import type { QueuedMutation } from "./ops";

export type QueueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem"> &
  Partial<Pick<Storage, "key" | "length">>;

const VERSION = 1;

export function defaultStorage(): QueueStorage | null {
  try {
    return typeof globalThis.localStorage === "undefined" ? null : globalThis.localStorage;
  } catch {
    return null; // storage disabled (privacy settings): the queue lives in memory only
  }
}

/** The key prefix of a user's queues; each page's store appends its own id. */
export function queueKey(userId: string, prefix = "parallax.annotate.queue"): string {
  return `${prefix}.${userId}`;
}

/** Every stored key of the user's queues (the shared one and one per page). */
function userKeys(storage: QueueStorage, userKey: string): string[] {
  const keys = [userKey];
  if (storage.key && typeof storage.length === "number") {
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(`${userKey}.`)) keys.push(k);
    }
  }
  return keys;
}

/** Takes over every queue stored for the user (removing them), in order, without duplicates. */
export function adoptQueues(storage: QueueStorage | null, userKey: string): QueuedMutation[] {
  if (!storage) return [];
  const seen = new Set<string>();
  const adopted: QueuedMutation[] = [];
  for (const key of userKeys(storage, userKey)) {
    for (const q of loadQueue(storage, key)) {
      if (seen.has(q.mutationId)) continue;
      seen.add(q.mutationId);
      adopted.push(q);
    }
    try {
      storage.removeItem(key);
    } catch {
      // nothing to do: it is read again next time, and replays are harmless
    }
  }
  return adopted;
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
