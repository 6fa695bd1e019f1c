/**
 * The browser's end of a story's live feed (GET /api/stories/{id}/events),
 * framework-free. It keeps the cursor of the last change received and, on
 * any error, going offline or coming back, opens the stream again after that
 * cursor, so nothing is missed or applied twice. Its state is what the
 * reader shows next to the save status:
 *
 *   connecting → live ⇄ reconnecting ; offline while the browser is offline
 *
 * Changes are handed over in batches (several arriving together: one batch).
 */
import type { StoryEvent } from "../live/events";
// Types only: the presence frame carries the server's list as it is.
import type { PresencePerson } from "../live/presence";

export type { PresencePerson };

export type LiveState = "connecting" | "live" | "reconnecting" | "offline";

export interface LiveHandlers {
  onChanges(events: StoryEvent[]): void;
  onPresence?(people: PresencePerson[]): void;
  /** The log no longer reaches back to the cursor: the page should reload. */
  onReset?(): void;
}

export interface LiveConnectionOptions {
  storyId: string;
  /** The cursor the page's data was read at: changes after it are replayed. */
  cursor: number;
  /** This tab's presence id: the server ends the tab's presence when its stream ends. */
  tabId?: string;
  /** For tests: the EventSource constructor. */
  EventSourceImpl?: typeof EventSource;
  maxRetryDelayMs?: number;
}

type Listener = () => void;

export class LiveConnection {
  private source: EventSource | null = null;
  private state: LiveState = "connecting";
  private cursor: number;
  private stream: string | null = null;
  private readonly listeners = new Set<Listener>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private stopped = true;
  private batch: StoryEvent[] = [];
  private flushQueued = false;
  private handlers: LiveHandlers = { onChanges: () => {} };

  constructor(private readonly options: LiveConnectionOptions) {
    this.cursor = options.cursor;
  }

  getState = (): LiveState => this.state;

  get lastCursor(): number {
    return this.cursor;
  }

  /** The id of the stream this tab is live on (the server's, from `ready`); null while not live. */
  get streamId(): string | null {
    return this.state === "live" ? this.stream : null;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts following the story (again), handing changes to `handlers`. */
  start(handlers: LiveHandlers): void {
    this.handlers = handlers;
    if (!this.stopped) return;
    this.stopped = false;
    if (typeof window !== "undefined") {
      window.addEventListener("online", this.onOnline);
      window.addEventListener("offline", this.onOffline);
    }
    if (typeof navigator !== "undefined" && navigator.onLine === false) this.setState("offline");
    else this.open();
  }

  stop(): void {
    this.stopped = true;
    this.close();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.onOnline);
      window.removeEventListener("offline", this.onOffline);
    }
  }

  private readonly onOnline = () => {
    if (this.stopped) return;
    this.failures = 0;
    this.close();
    this.open();
  };

  private readonly onOffline = () => {
    if (this.stopped) return;
    this.close();
    this.setState("offline");
  };

  private setState(state: LiveState) {
    if (this.state === state) return;
    this.state = state;
    this.notify();
  }

  private notify() {
    for (const l of this.listeners) l();
  }

  private close() {
    this.source?.close();
    this.source = null;
  }

  private open() {
    if (this.stopped || this.source) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const Impl = this.options.EventSourceImpl ?? EventSource;
    const tab = this.options.tabId ? `&tab=${encodeURIComponent(this.options.tabId)}` : "";
    const source = new Impl(`/api/stories/${this.options.storyId}/events?after=${this.cursor}${tab}`);
    this.source = source;
    source.addEventListener("change", (m) => {
      const event = JSON.parse((m as MessageEvent<string>).data) as StoryEvent;
      if (event.cursor <= this.cursor) return;
      this.cursor = event.cursor;
      this.batch.push(event);
      this.queueFlush();
    });
    source.addEventListener("ready", (m) => {
      const { cursor, stream } = JSON.parse((m as MessageEvent<string>).data) as { cursor: number; stream?: string };
      this.cursor = Math.max(this.cursor, cursor);
      const renewed = this.stream !== (stream ?? null);
      this.stream = stream ?? null;
      this.failures = 0;
      // A new stream while already live (reopened on "online") is news too: presence moves to it.
      if (renewed && this.state === "live") this.notify();
      else this.setState("live");
    });
    source.addEventListener("presence", (m) => {
      const { people } = JSON.parse((m as MessageEvent<string>).data) as { people: PresencePerson[] };
      this.handlers.onPresence?.(people);
    });
    source.addEventListener("reset", () => this.handlers.onReset?.());
    source.onerror = () => {
      // Reopened by us, after our cursor (not by EventSource's own retry).
      if (this.source !== source) return;
      this.close();
      if (this.stopped) return;
      if (typeof navigator !== "undefined" && navigator.onLine === false) return this.setState("offline");
      this.setState("reconnecting");
      this.failures++;
      const delay = Math.min(this.options.maxRetryDelayMs ?? 10_000, 500 * 2 ** (this.failures - 1));
      this.retryTimer = setTimeout(() => this.open(), delay * (0.75 + Math.random() * 0.5));
    };
  }

  private queueFlush() {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      const batch = this.batch;
      this.batch = [];
      if (batch.length) this.handlers.onChanges(batch);
    });
  }
}
