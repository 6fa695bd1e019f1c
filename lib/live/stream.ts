/**
 * One story's events as Server-Sent Events (text/event-stream):
 *
 *   retry: 2000                      reconnect after 2 s
 *   id: 1234 / event: change / data: {StoryEvent as JSON}     one per change, in cursor order
 *   id: 1240 / event: ready / data: {"cursor":1240,"stream":"…"}   replay done, live from here (stream: this stream's id)
 *   event: reset / data: {…}         the cursor is older than the log keeps: reload the story
 *   event: presence / data: {"people":[…]}   who has the story open (after ready, then on change; no id)
 *   event: shutdown / data: {…}     this server is shutting down; the stream ends, reconnect (elsewhere)
 *   : ping                           a heartbeat comment every 15 s
 *
 * A client resuming after cursor N (Last-Event-ID or ?after=) first gets
 * every change of the story after N up to the hub's horizon, read from the
 * log, then live ones from the hub; live events arriving during the replay
 * wait, and none is sent twice. Every event passes the reader's EventFilter
 * first (visibility.ts), in order.
 * A client too slow to keep up is disconnected (it resumes from its cursor).
 */
import type { Db } from "../db";
import { hydrateChanges, type StoryEvent } from "./events";
import { oldestCursor, readStoryChanges } from "./feed";
import type { LiveHub } from "./hub";
import { EventFilter, type EventReader } from "./visibility";
import { log } from "../observability/log";

export interface EventStreamOptions {
  db: Db;
  hub: LiveHub;
  storyId: string;
  reader: EventReader;
  /** The last cursor the client has; null to start from now. */
  after: number | null;
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** Bytes queued for a client before it is cut off as too slow. */
  maxBuffered?: number;
  /** This stream's id, told to the client in the `ready` frame (a tab reports its presence under it). */
  streamId?: string;
  /** Called once when the stream ends, however it ends (the client left, was cut off, or the hub closed). */
  onEnd?: () => void;
}

const encoder = new TextEncoder();
const REPLAY_PAGE = 500;

let open = 0;

/** Event streams open in this process. */
export function openEventStreams(): number {
  return open;
}

function frame(event: string, data: unknown, id?: number): Uint8Array {
  return encoder.encode(`${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A change's frame, encoded once per process: the hub hands every stream of the story the same event objects. */
const changeFrames = new WeakMap<StoryEvent, Uint8Array>();
function changeFrame(e: StoryEvent): Uint8Array {
  let bytes = changeFrames.get(e);
  if (!bytes) changeFrames.set(e, (bytes = frame("change", e, e.cursor)));
  return bytes;
}

export function storyEventStream(options: EventStreamOptions): ReadableStream<Uint8Array> {
  const { db, hub, storyId, reader } = options;
  const maxBuffered = options.maxBuffered ?? 4_000_000;
  let finished = false;
  let unsubscribe: (() => void) | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let onAbort: (() => void) | null = null;
  const ended = () => {
    try {
      options.onEnd?.();
    } catch (error) {
      log.error({ err: error }, "ending a live event stream failed");
    }
  };
  /** Lets go of everything the stream holds, once however it ends; false when it had already ended. */
  const release = (): boolean => {
    if (finished) return false;
    finished = true;
    open--;
    ended();
    unsubscribe?.();
    if (heartbeat) clearInterval(heartbeat);
    if (onAbort) options.signal?.removeEventListener("abort", onAbort);
    return true;
  };

  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        open++;
        const finish = () => {
          if (!release()) return;
          try {
            controller.close();
          } catch {
            // already closed or errored
          }
        };
        onAbort = finish;
        if (options.signal?.aborted) return finish();
        options.signal?.addEventListener("abort", onAbort);

        let sentUpTo = options.after ?? 0;
        const send = (bytes: Uint8Array) => {
          if (finished) return;
          if ((controller.desiredSize ?? 0) < -maxBuffered) return finish(); // too slow: it resumes from its cursor
          controller.enqueue(bytes);
        };
        // Filtering may look up layers: events go through one chain, so they stay in order.
        const filter = new EventFilter(hub.rights, reader);
        let chain: Promise<void> = Promise.resolve();
        const sendEvents = (events: StoryEvent[]): Promise<void> => {
          const fresh = events.filter((e) => e.cursor > sentUpTo);
          if (!fresh.length) return chain;
          sentUpTo = fresh.at(-1)!.cursor;
          chain = chain
            .then(async () => {
              for (const e of await filter.filter(fresh)) send(changeFrame(e));
            })
            .catch((error: unknown) => {
              log.error({ err: error }, "filtering live events failed");
              finish();
            });
          return chain;
        };

        // Live events arriving while the replay runs wait here.
        let waiting: StoryEvent[] | null = [];
        let subscription;
        try {
          subscription = await hub.subscribe(storyId, {
            events: (events) => {
              if (waiting) waiting.push(...events);
              else void sendEvents(events);
            },
            lost: finish,
            closing: () => {
              send(frame("shutdown", { reason: "This server is shutting down. Reconnect to continue." }));
              finish();
            },
            presence: (people) => {
              if (!waiting) send(frame("presence", { people }));
            },
          });
        } catch (error) {
          log.error({ err: error }, "opening a live event stream failed");
          return finish();
        }
        unsubscribe = subscription.unsubscribe;
        if (finished) return unsubscribe();
        send(encoder.encode("retry: 2000\n\n"));
        const horizon = subscription.horizon;

        try {
          if (options.after !== null && options.after < horizon) {
            const oldest = await oldestCursor(db);
            if (oldest !== null && options.after < oldest - 1) {
              send(frame("reset", { reason: "The changes since your cursor are no longer kept; reload the story." }));
              sentUpTo = horizon;
            } else {
              for (let from = options.after; ;) {
                const rows = await readStoryChanges(db, storyId, from, horizon, REPLAY_PAGE);
                await sendEvents(await hydrateChanges(db, rows));
                if (rows.length < REPLAY_PAGE || finished) break;
                from = rows.at(-1)!.id;
              }
            }
          }
        } catch (error) {
          log.error({ err: error }, "replaying the change feed failed");
          return finish();
        }
        // Everything of the story up to the horizon has been sent: the client's cursor may move there.
        await chain;
        sentUpTo = Math.max(sentUpTo, horizon);
        send(frame("ready", { cursor: sentUpTo, ...(options.streamId ? { stream: options.streamId } : {}) }, sentUpTo));
        const queued = waiting;
        waiting = null;
        void sendEvents(queued);
        try {
          send(frame("presence", { people: await hub.presence(storyId) }));
        } catch (error) {
          log.error({ err: error }, "reading presence failed");
        }

        heartbeat = setInterval(() => send(encoder.encode(": ping\n\n")), options.heartbeatMs ?? 15_000);
        heartbeat.unref?.();
      },
      cancel() {
        release();
      },
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );
}
