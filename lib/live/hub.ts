/**
 * One per app process: a dedicated LISTEN connection on the change channel,
 * one FeedReader following the whole feed, and the process's open streams
 * by story. A notification only says "look": the hub reads the log itself
 * (the log, not the notification, is the source of truth), so a dropped
 * connection or a lost notification costs a little delay, never an event.
 *
 *   notification ─► poll() ─► rows now final ─► hydrate (once per change) ─► listeners of that story
 *
 * The hub also keeps the layer rights its streams filter with (one copy per
 * process, forgotten per article when its assignments change: visibility.ts).
 *
 * It also polls every few seconds while anyone listens (a missed
 * notification, a gap waiting on a transaction), re-reads presence (tabs
 * that vanished expire), and reconnects the listener with backoff. (Pruning
 * the log is the job queue's hourly cleanup, lib/jobs/worker.ts.)
 */
import pg from "pg";
import type { Db } from "../db";
import { hydrateChanges, type StoryEvent } from "./events";
import { CHANGE_CHANNEL, FeedReader, type ChangeRow } from "./feed";
import { PRESENCE_CHANNEL, presenceOf, type PresencePerson } from "./presence";
import { ASSIGNMENT_CHANNEL, LayerRights } from "./visibility";
import { log } from "../observability/log";

export type HubListener = {
  /** Events of the story, in cursor order. */
  events(events: StoryEvent[]): void;
  /** The hub lost events it could not deliver: the stream should end, the client resumes from its cursor. */
  lost(): void;
  /** The process is shutting down: the stream should say so and end (the client reconnects elsewhere). */
  closing?(): void;
  /** Who has the story open now (whenever that changes). */
  presence?(people: PresencePerson[]): void;
};

export interface Subscription {
  /** Every change of the story at or below this cursor is in the log and will not be delivered live. */
  horizon: number;
  unsubscribe(): void;
}

export interface LiveHubOptions {
  db: Db;
  /** Connection string for the LISTEN connection. */
  url: string;
  /** Safety poll while anyone listens (ms). */
  pollEveryMs?: number;
  /** How often presence is re-read for stories with listeners (tabs that vanished expire). */
  presenceEveryMs?: number;
}

export type ListenState = "connecting" | "listening" | "reconnecting" | "closed";

export class LiveHub {
  private readonly db: Db;
  /** Who sees which layer, for every stream of the process. */
  readonly rights: LayerRights;
  private client: pg.Client | null = null;
  private reader: FeedReader | null = null;
  private readonly ready: Promise<void>;
  private readonly listeners = new Map<string, Set<HubListener>>();
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private closed = false;
  private state: ListenState = "connecting";
  private backoff = 250;
  private readonly timers: NodeJS.Timeout[] = [];
  private retryTimer: NodeJS.Timeout | null = null;
  /** The presence list last pushed per story (JSON), to push only changes. */
  private readonly presenceSent = new Map<string, string>();

  constructor(private readonly options: LiveHubOptions) {
    this.db = options.db;
    this.rights = new LayerRights(options.db);
    this.ready = this.start();
    this.ready.catch(() => {});
  }

  private async start(): Promise<void> {
    // Listen before choosing the starting horizon: nothing committed after it goes unannounced.
    await this.connect();
    this.reader = await FeedReader.start(this.db);
    const every = this.options.pollEveryMs ?? 2_000;
    this.timers.push(
      setInterval(() => {
        if (this.listeners.size) this.schedule();
      }, every),
    );
    this.timers.push(
      setInterval(() => {
        for (const storyId of this.listeners.keys()) void this.refreshPresence(storyId);
      }, this.options.presenceEveryMs ?? 3_000),
    );
    for (const t of this.timers) t.unref();
  }

  /** Resolves once the hub follows the feed. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  get listenState(): ListenState {
    return this.state;
  }

  /** The hub's horizon: every change at or below it is final and already delivered. */
  async horizon(): Promise<number> {
    await this.ready;
    return this.reader!.cursor;
  }

  /** Open subscriptions (streams) in this process. */
  get subscriberCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async subscribe(storyId: string, listener: HubListener): Promise<Subscription> {
    await this.ready;
    let set = this.listeners.get(storyId);
    if (!set) this.listeners.set(storyId, (set = new Set()));
    set.add(listener);
    return {
      horizon: this.reader!.cursor,
      unsubscribe: () => {
        set.delete(listener);
        if (!set.size && this.listeners.get(storyId) === set) {
          this.listeners.delete(storyId);
          this.presenceSent.delete(storyId);
        }
      },
    };
  }

  /** Who has the story open now. */
  async presence(storyId: string): Promise<PresencePerson[]> {
    return presenceOf(this.db, storyId);
  }

  /** Re-reads the story's presence and pushes it to its listeners if it changed. */
  async refreshPresence(storyId: string): Promise<void> {
    if (!this.listeners.has(storyId)) return;
    let people: PresencePerson[];
    try {
      people = await presenceOf(this.db, storyId);
    } catch (error) {
      log.error({ err: error }, "reading presence failed");
      return;
    }
    const json = JSON.stringify(people);
    if (this.presenceSent.get(storyId) === json || !this.listeners.has(storyId)) return;
    this.presenceSent.set(storyId, json);
    for (const l of [...(this.listeners.get(storyId) ?? [])]) l.presence?.(people);
  }

  /** Reads the log now (coalesced with a read already running). */
  schedule(): void {
    if (this.closed || !this.reader) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.run().finally(() => {
      this.polling = null;
      if (this.pollAgain) this.schedule();
    });
  }

  private async run(): Promise<void> {
    do {
      this.pollAgain = false;
      let rows: ChangeRow[];
      try {
        rows = await this.reader!.poll();
      } catch (error) {
        log.error({ err: error }, "reading the change feed failed");
        this.retryLater(1_000);
        return;
      }
      await this.deliver(rows);
    } while (this.pollAgain && !this.closed);
    // A change held back behind an open transaction: look again shortly.
    if (this.reader!.waiting) this.retryLater(50);
  }

  private retryLater(ms: number) {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.schedule();
    }, ms);
    this.retryTimer.unref();
  }

  private async deliver(rows: ChangeRow[]): Promise<void> {
    const wanted = rows.filter((r) => this.listeners.has(r.storyId));
    if (!wanted.length) return;
    let events: StoryEvent[];
    try {
      events = await hydrateChanges(this.db, wanted);
    } catch (error) {
      log.error({ err: error }, "reading changed rows for the live feed failed");
      for (const storyId of new Set(wanted.map((r) => r.storyId))) {
        for (const l of this.listeners.get(storyId) ?? []) l.lost();
      }
      return;
    }
    const byStory = new Map<string, StoryEvent[]>();
    for (const e of events) {
      const list = byStory.get(e.storyId);
      if (list) list.push(e);
      else byStory.set(e.storyId, [e]);
    }
    for (const [storyId, list] of byStory) {
      for (const l of [...(this.listeners.get(storyId) ?? [])]) {
        try {
          l.events(list);
        } catch (error) {
          log.error({ err: error }, "a live listener failed");
        }
      }
    }
  }

  // ───────────── The LISTEN connection ─────────────

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: "parallax-live" });
    client.on("notification", (n) => {
      if (n.channel === CHANGE_CHANNEL) this.schedule();
      else if (n.channel === PRESENCE_CHANNEL && n.payload) void this.refreshPresence(n.payload);
      else if (n.channel === ASSIGNMENT_CHANNEL && n.payload) this.rights.forget(n.payload);
    });
    client.on("error", (error) => {
      log.error({ err: error }, "the live feed's LISTEN connection failed");
      this.reconnect(client);
    });
    client.on("end", () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    await client.query(`LISTEN ${ASSIGNMENT_CHANNEL}`);
    // Assignments may have changed unannounced while no one listened.
    this.rights.forgetAll();
    this.client = client;
    this.state = "listening";
    this.backoff = 250;
  }

  private reconnect(dead: pg.Client) {
    if (this.closed || this.client !== dead) return;
    this.client = null;
    this.state = "reconnecting";
    dead.removeAllListeners("end");
    dead.on("error", () => {});
    void dead.end().catch(() => {});
    const attempt = () => {
      if (this.closed) return;
      this.connect().then(
        () => this.schedule(), // catch up on whatever was announced while away
        (error: unknown) => {
          log.error({ err: error }, "reconnecting the live feed failed");
          this.backoff = Math.min(this.backoff * 2, 5_000);
          setTimeout(attempt, this.backoff).unref();
        },
      );
    };
    setTimeout(attempt, this.backoff).unref();
  }

  /** Stops listening; open subscriptions are told to end. */
  async close(): Promise<void> {
    this.closed = true;
    this.state = "closed";
    for (const t of this.timers) clearInterval(t);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const set of this.listeners.values()) {
      for (const l of set) {
        if (l.closing) l.closing();
        else l.lost();
      }
    }
    this.listeners.clear();
    await this.ready.catch(() => {});
    await this.polling?.catch(() => {});
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
    }
  }
}
