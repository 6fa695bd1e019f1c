/**
 * AnnotationStore: the editor's spans in the browser, framework-free.
 *
 * Every edit is applied at once to a local copy (optimistic) and queued as a
 * mutation with a client-generated id; a background loop sends the queue in
 * batches (one request per article, at most one mutation per span per
 * request so that a follow-up edit is sent against the version its
 * predecessor produced). Because the server keys every applied mutation by
 * its id, a batch whose answer was lost is simply sent again: it never
 * applies twice. The queue is kept in localStorage per user, so a reload while
 * offline loses nothing.
 *
 * A refused mutation (and what was queued on top of it for the same span) is
 * rolled back and its message kept in `errors`; a VERSION_CONFLICT shows the
 * server's current value and keeps what this editor had made of the span in
 * `conflicts` until `resolveConflict` says which one stays.
 */
import {
  applyOp,
  compareSpans,
  isAlive,
  isEmptyPatch,
  newId,
  spanIdOf,
  toWire,
  transition,
  type QueuedMutation,
  type SpanOp,
} from "./ops";
import { adoptQueues, defaultStorage, queueKey, saveQueue, type QueueStorage } from "./persist";
import { fetchTransport, type Transport } from "./transport";
import type { MutationResult, NewSpan, SpanDTO, SpanPatch, UserRef } from "./types";

export interface Conflict {
  spanId: string;
  articleId: string;
  /** The server's current value (with `deletedAt` when the other editor deleted the span). This is what is shown. */
  theirs: SpanDTO;
  /** What this editor had made of the span; undefined or with `deletedAt` when they had deleted it. */
  mine: SpanDTO | undefined;
  message: string;
}

export interface StoreError {
  id: string;
  articleId: string;
  spanId: string | null;
  code: string;
  message: string;
}

export interface AnnotationSnapshot {
  /** Live (not deleted) spans per article, in text order, as this editor sees them. */
  spansByArticle: Readonly<Record<string, readonly SpanDTO[]>>;
  /** Mutations not yet acknowledged by the server. */
  pending: number;
  /** Spans with unacknowledged changes. */
  pendingSpanIds: ReadonlySet<string>;
  /** A request is on its way. */
  saving: boolean;
  /** The last attempt failed at the network: the queue waits and retries. */
  offline: boolean;
  /** The server failed (5xx) or the session ended: the queue waits and retries. */
  retrying: boolean;
  conflicts: readonly Conflict[];
  errors: readonly StoreError[];
  canUndo: boolean;
  canRedo: boolean;
  /** Increases with every acknowledged batch: refetch derived views (sidebar) when it changes. */
  savedCount: number;
  /** Increases when other editors' changes arrive (live feed): refetch derived views too. */
  remoteCount: number;
}

export interface AnnotationStoreOptions {
  spans: readonly SpanDTO[];
  user: UserRef;
  transport?: Transport;
  /** localStorage key prefix (the user id is appended). */
  storageKey?: string;
  /** Where the queue is kept; null: memory only. Defaults to localStorage when there is one. */
  storage?: QueueStorage | null;
  /** Wait this long after an edit before sending, so quick edits share a request. */
  batchDelayMs?: number;
  /** First retry delay after a failure; doubles up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/** One span's side of an edit: as it was before and after (undefined: it did not exist). */
export interface SpanEdit {
  spanId: string;
  before: SpanDTO | undefined;
  after: SpanDTO | undefined;
}

interface UndoEntry {
  /** The state each span returns to (undefined: it did not exist). */
  states: { spanId: string; state: SpanDTO | undefined }[];
}

const MAX_ERRORS = 20;
/**
 * Up to this many changed spans, an article's list is patched in place of
 * sorted again: a part of a long article's later spans (4,000) is patched into
 * 50,000 in a few ms, where sorting them all again took tens.
 */
const PATCH_LIMIT = 8_192;
const MAX_UNDO = 200;
const MAX_BATCH = 500;
/** Refusals that mean the span moved on under this editor: shown as a conflict, not an error. */
const CONFLICT_CODES = new Set(["VERSION_CONFLICT", "SPAN_DELETED", "ARTICLE_REVISED"]);

type Listener = () => void;

/** Where `span` goes in `spans` (sorted by compareSpans). */
function insertionPoint(spans: readonly SpanDTO[], span: SpanDTO): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSpans(spans[mid]!, span) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `list` (sorted by compareSpans) without `gone` and with `came`, in one
 * copy: sorting thousands of spans for one edit would cost a frame, and so
 * would splicing (V8 moves the whole array each time) or filtering them.
 * Null when a span of `gone` is not where the list has it.
 */
function patchList(list: readonly SpanDTO[], gone: readonly SpanDTO[], came: readonly SpanDTO[]): SpanDTO[] | null {
  const removed: number[] = [];
  for (const old of gone) {
    const at = insertionPoint(list, old);
    if (list[at] !== old) return null;
    removed.push(at);
  }
  removed.sort((x, y) => x - y);
  const inserts = came.map((span) => ({ at: insertionPoint(list, span), span }));
  inserts.sort((x, y) => x.at - y.at || compareSpans(x.span, y.span));
  const out = new Array<SpanDTO>(list.length - removed.length + inserts.length);
  let k = 0;
  let from = 0;
  let r = 0;
  // Copies list[from, to) into out, leaving out the removed positions.
  const copy = (to: number) => {
    while (from < to) {
      const stop = r < removed.length && removed[r]! < to ? removed[r]! : to;
      for (let i = from; i < stop; i++) out[k++] = list[i]!;
      from = stop;
      if (stop < to) {
        from++;
        r++;
      }
    }
  };
  for (const { at, span } of inserts) {
    copy(at);
    out[k++] = span;
  }
  copy(list.length);
  return out;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class AnnotationStore {
  readonly user: UserRef;
  private readonly transport: Transport;
  private readonly storage: QueueStorage | null;
  private readonly key: string;
  private readonly batchDelayMs: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  /** Spans as the server last told us (deleted ones kept, with deletedAt, so they can be restored). */
  private readonly confirmed = new Map<string, SpanDTO>();
  /** Spans as this editor sees them: confirmed plus the queue. */
  private readonly local = new Map<string, SpanDTO>();
  private readonly byArticle = new Map<string, Set<string>>();
  private queue: QueuedMutation[] = [];
  private readonly conflicts = new Map<string, Conflict>();
  private errors: StoreError[] = [];
  private undoStack: UndoEntry[] = [];
  private redoStack: UndoEntry[] = [];
  private group: UndoEntry | null = null;

  private offline = false;
  private retrying = false;
  private saving = false;
  private savedCount = 0;
  private remoteCount = 0;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private disposed = false;
  private started = false;
  private readonly serverSnapshot: AnnotationSnapshot;

  private readonly listeners = new Set<Listener>();
  /** Articles whose span list is rebuilt in full at the next snapshot. */
  private readonly dirtyArticles = new Set<string>();
  /**
   * Spans changed since the last snapshot, per article, each with its value
   * at that snapshot (undefined: it did not exist): the list is patched, not rebuilt.
   */
  private readonly dirtySpans = new Map<string, Map<string, SpanDTO | undefined>>();
  private snapshot: AnnotationSnapshot;
  private readonly onOnline = () => void this.flush();

  constructor(options: AnnotationStoreOptions) {
    this.user = options.user;
    this.transport = options.transport ?? fetchTransport;
    this.storage = options.storage === undefined ? defaultStorage() : options.storage;
    const userKey = queueKey(options.user.id, options.storageKey);
    this.key = `${userKey}.${newId()}`;
    this.batchDelayMs = options.batchDelayMs ?? 40;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 15_000;
    for (const span of options.spans) {
      this.confirmed.set(span.id, span);
      this.setLocal(span.id, span);
    }
    // What the server rendered: hydration uses this, so a restored queue cannot cause a mismatch.
    this.snapshot = this.buildSnapshot();
    this.serverSnapshot = this.snapshot;
    // What an earlier page (or a crash) left unsent: show it again and send it.
    this.queue = adoptQueues(this.storage, userKey);
    if (this.queue.length) {
      this.persist();
      for (const id of new Set(this.queue.map((q) => spanIdOf(q.op)))) this.recompute(id);
      this.snapshot = this.buildSnapshot();
    }
    this.start();
  }

  /** (Re)starts listening and sending: after construction, and after a dispose() that React's StrictMode undoes. */
  private start(): void {
    if (!this.disposed && this.started) return;
    this.disposed = false;
    this.started = true;
    if (typeof window !== "undefined") window.addEventListener("online", this.onOnline);
    if (this.queue.length) this.schedule(0);
  }

  // ───────────── Reading ─────────────

  subscribe = (listener: Listener): (() => void) => {
    this.start();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): AnnotationSnapshot => this.snapshot;

  /** The snapshot of the spans the store was created with, before any restored queue (for hydration). */
  getServerSnapshot = (): AnnotationSnapshot => this.serverSnapshot;

  /** The span as this editor sees it (undefined when unknown or deleted). */
  getSpan(spanId: string): SpanDTO | undefined {
    const s = this.local.get(spanId);
    return isAlive(s) ? s : undefined;
  }

  // ───────────── Editing ─────────────

  /** Creates a span (optimistically) and returns its id. */
  create(input: NewSpan): string {
    const id = newId();
    const span: NewSpan & { id: string } = { id, ...input };
    this.record([id], () => this.enqueue({ type: "create", span }));
    this.emit();
    return id;
  }

  /** Changes a span; fields left out stay as they are. No-op if nothing would change. */
  update(spanId: string, patch: SpanPatch): void {
    const span = this.requireAlive(spanId);
    const changed: SpanPatch = {};
    for (const [k, v] of Object.entries(patch) as [keyof SpanPatch, unknown][]) {
      if (v !== undefined && span[k] !== v) (changed as Record<string, unknown>)[k] = v;
    }
    if (isEmptyPatch(changed)) return;
    if ((changed.start !== undefined || changed.end !== undefined) && changed.quote === undefined) {
      changed.quote = patch.quote ?? span.quote;
    }
    this.record([spanId], () => this.enqueue({ type: "update", spanId, patch: changed }));
    this.emit();
  }

  remove(spanId: string): void {
    this.requireAlive(spanId);
    this.record([spanId], () => this.enqueue({ type: "delete", spanId }));
    this.emit();
  }

  /** Several edits as one undo step (e.g. create a span and link it). */
  transaction<T>(fn: () => T): T {
    if (this.group) return fn();
    this.group = { states: [] };
    try {
      return fn();
    } finally {
      const entry = this.group;
      this.group = null;
      if (entry.states.length) this.pushUndo(entry);
      this.emit();
    }
  }

  /**
   * Takes back the last edit (or transaction). Returns that edit — each span
   * as it was before and after it — so the editor can be told what was
   * undone; null when there is nothing to undo.
   */
  undo(): SpanEdit[] | null {
    const entry = this.undoStack.pop();
    if (!entry) return null;
    const inverse = this.restoreStates(entry);
    this.redoStack.push(inverse);
    this.emit();
    return entry.states.map(({ spanId, state }, i) => ({ spanId, before: state, after: inverse.states[i]!.state }));
  }

  /** Makes the last undone edit again; returns it as undo() does (null when there is nothing to redo). */
  redo(): SpanEdit[] | null {
    const entry = this.redoStack.pop();
    if (!entry) return null;
    const inverse = this.restoreStates(entry);
    this.undoStack.push(inverse);
    this.emit();
    return entry.states.map(({ spanId, state }, i) => ({ spanId, before: inverse.states[i]!.state, after: state }));
  }

  /**
   * Settles a conflict: "theirs" keeps the server's value (already shown);
   * "mine" sends this editor's version again, now against the current one.
   */
  resolveConflict(spanId: string, choice: "theirs" | "mine"): void {
    const conflict = this.conflicts.get(spanId);
    if (!conflict) return;
    this.conflicts.delete(spanId);
    if (choice === "mine") {
      this.record([spanId], () => {
        for (const op of transition(spanId, this.local.get(spanId), conflict.mine)) this.enqueue(op);
      });
    }
    this.emit();
  }

  dismissError(id: string): void {
    this.errors = this.errors.filter((e) => e.id !== id);
    this.emit();
  }

  /**
   * Takes in a fresh list of an article's live spans from the server (a pane
   * loaded or refreshed). Spans with changes still queued keep this editor's
   * version; spans missing from the list were deleted elsewhere.
   */
  merge(articleId: string, serverSpans: readonly SpanDTO[]): void {
    const pending = this.pendingIds();
    const listed = new Set(serverSpans.map((span) => span.id));
    this.takeServerSpans(serverSpans, pending);
    for (const id of [...(this.byArticle.get(articleId) ?? [])]) {
      const span = this.local.get(id);
      if (listed.has(id) || pending.has(id) || !isAlive(span) || this.conflicts.has(id)) continue;
      this.confirmed.delete(id);
      this.setLocal(id, undefined);
    }
    this.dirtyArticles.add(articleId);
    this.emit();
  }

  /**
   * Takes in more of an article's spans as the server had them (a long
   * article's spans past its head, loaded after the page): each is kept
   * unless this editor has changes queued on it or a newer version of it is
   * known. Unlike `merge`, spans not listed stay.
   */
  load(spans: readonly SpanDTO[]): void {
    this.takeServerSpans(spans, this.pendingIds());
    this.emit();
  }

  /** Keeps each of `spans` unless it has changes `pending` or an answer newer than it is known. */
  private takeServerSpans(spans: readonly SpanDTO[], pending: ReadonlySet<string>): void {
    for (const span of spans) {
      if (pending.has(span.id)) continue;
      const known = this.confirmed.get(span.id);
      if (known && known.version > span.version) continue; // an older answer than what we have
      this.confirmed.set(span.id, span);
      this.setLocal(span.id, span);
    }
  }

  /**
   * Takes in spans as they are now on the server because someone changed
   * them (the live feed), deleted ones with `deletedAt`. An older version
   * than the one known changes nothing, so replays and this editor's own
   * echoes are harmless. When another editor changed a span this editor has
   * unsaved changes on, it becomes a conflict at once: theirs is shown,
   * this editor's is kept in the conflict until resolved.
   *
   * `others`: other things changed too (entities, claims, versions not
   * open), so derived views refresh. Nothing new — a replay — publishes no
   * snapshot: the feed replays thousands of known spans after a large import,
   * and a render per replayed batch would only repeat the same view.
   */
  applyRemote(spans: readonly SpanDTO[], others = false): void {
    let changed = others;
    const pending = this.pendingIds();
    for (const span of spans) {
      const known = this.confirmed.get(span.id);
      if (known && known.version >= span.version) continue;
      changed = true;
      if (pending.has(span.id)) {
        // Our own write, answered here before its response: the response settles it.
        if (span.updatedBy?.id === this.user.id) continue;
        const mine = this.local.get(span.id);
        this.queue = this.queue.filter((q) => spanIdOf(q.op) !== span.id);
        this.persist();
        this.conflicts.set(span.id, {
          spanId: span.id,
          articleId: span.articleId,
          theirs: span,
          mine,
          message: `${span.updatedBy?.name ?? "Another editor"} changed this span while you were editing it.`,
        });
      }
      this.confirmed.set(span.id, span);
      this.recompute(span.id);
    }
    if (!changed) return;
    this.remoteCount++;
    this.emit();
  }

  /** Sends everything queued now. Resolves true when the queue is empty. */
  async flush(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // A send already running finishes first; then one more round picks up what came meanwhile.
    if (this.running) await this.running;
    await this.pump();
    return this.queue.length === 0;
  }

  /**
   * Stops timers and the online listener (the queue stays in storage). A later
   * subscribe or edit starts them again, so a StrictMode unmount/remount in
   * development does not leave a dead store behind.
   */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (typeof window !== "undefined") window.removeEventListener("online", this.onOnline);
  }

  // ───────────── Queue ─────────────

  private requireAlive(spanId: string): SpanDTO {
    const span = this.local.get(spanId);
    if (!isAlive(span)) throw new Error(`Span ${spanId} is not loaded or was deleted`);
    return span;
  }

  private pendingIds(): Set<string> {
    return new Set(this.queue.map((q) => spanIdOf(q.op)));
  }

  /** Runs `fn` (which enqueues edits) and records the spans' prior state as one undo step. */
  private record(spanIds: string[], fn: () => void): void {
    const states = spanIds.map((spanId) => ({ spanId, state: this.local.get(spanId) }));
    fn();
    if (this.group) {
      for (const s of states) if (!this.group.states.some((g) => g.spanId === s.spanId)) this.group.states.push(s);
    } else {
      this.pushUndo({ states });
    }
    this.redoStack = [];
  }

  private pushUndo(entry: UndoEntry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
  }

  /** Brings each span of `entry` back to its recorded state; returns the entry that undoes this. */
  private restoreStates(entry: UndoEntry): UndoEntry {
    const inverse: UndoEntry = { states: [] };
    for (const { spanId, state } of entry.states) {
      const current = this.local.get(spanId);
      inverse.states.push({ spanId, state: current });
      for (const op of transition(spanId, current, state)) this.enqueue(op);
    }
    return inverse;
  }

  private enqueue(op: SpanOp): void {
    this.start();
    const spanId = spanIdOf(op);
    const chained = this.queue.some((q) => spanIdOf(q.op) === spanId);
    const current = this.local.get(spanId);
    const baseVersion = op.type === "create" ? 0 : chained ? null : (current?.version ?? null);
    const queued: QueuedMutation = {
      mutationId: newId(),
      articleId: op.type === "create" ? op.span.articleId : current!.articleId,
      op,
      baseVersion,
    };
    this.queue.push(queued);
    this.setLocal(spanId, applyOp(current, op, this.user, new Date().toISOString()));
    this.persist();
    this.schedule(this.batchDelayMs);
  }

  private persist(): void {
    saveQueue(this.storage, this.key, this.queue);
  }

  private schedule(delay: number): void {
    if (this.disposed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pump();
    }, delay);
  }

  private retryLater(): void {
    this.failures++;
    const delay = Math.min(this.maxRetryDelayMs, this.retryDelayMs * 2 ** (this.failures - 1));
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.schedule(delay * (0.75 + Math.random() * 0.5));
  }

  private pump(): Promise<void> {
    if (!this.running) {
      this.running = this.sendAll().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /** The next request: the oldest article's mutations, at most one per span (the first queued). */
  private nextBatch(): { articleId: string; items: QueuedMutation[] } | null {
    const seen = new Set<string>();
    let articleId: string | null = null;
    const items: QueuedMutation[] = [];
    for (const q of this.queue) {
      const id = spanIdOf(q.op);
      if (seen.has(id)) continue;
      seen.add(id);
      articleId ??= q.articleId;
      if (q.articleId === articleId && items.length < MAX_BATCH) items.push(q);
    }
    return articleId ? { articleId, items } : null;
  }

  private async sendAll(): Promise<void> {
    for (;;) {
      const batch = this.nextBatch();
      if (!batch || this.disposed) return;
      const wire = batch.items.map((q) => toWire(q, q.baseVersion ?? this.confirmed.get(spanIdOf(q.op))?.version ?? 1));
      this.saving = true;
      this.emit();
      let response;
      try {
        response = await this.transport(batch.articleId, wire);
      } catch {
        this.saving = false;
        this.offline = true;
        this.retryLater();
        this.emit();
        return;
      }
      this.saving = false;
      this.offline = false;
      const { status, body } = response;
      if (status >= 500 || status === 401 || status === 429) {
        // Not applied (5xx: safe to retry; 401: the session ended, sign in again and it goes out).
        this.retrying = true;
        if (status === 401)
          this.addError(
            batch.articleId,
            null,
            "UNAUTHENTICATED",
            "Your session has ended: sign in again in another tab; your changes are kept and sent then.",
          );
        this.retryLater();
        this.emit();
        return;
      }
      this.retrying = false;
      this.failures = 0;
      if (status !== 200 || !body?.results) {
        // The whole batch is refused (403, 404, 400): retrying cannot help.
        const code = body?.error?.code ?? `HTTP_${status}`;
        const message = body?.error?.message ?? `The server refused the changes (${status}).`;
        for (const q of batch.items) this.rollback(q, { code, message });
      } else {
        const byId = new Map(body.results.map((r) => [r.mutationId, r]));
        let unapplied = false;
        for (const q of batch.items) {
          const result = byId.get(q.mutationId);
          if (!result) {
            // Cannot happen with this server; never loop on it.
            this.rollback(q, { code: "NO_RESULT", message: "The server gave no answer for this change." });
          } else if (!result.ok && result.error.status >= 500) {
            unapplied = true; // not applied (INTERNAL): stays queued for a later round
          } else {
            this.settle(q, result);
          }
        }
        this.savedCount++;
        if (unapplied) {
          this.retrying = true;
          this.persist();
          this.retryLater();
          this.emit();
          return;
        }
      }
      this.persist();
      this.emit();
    }
  }

  private settle(q: QueuedMutation, result: MutationResult): void {
    const spanId = spanIdOf(q.op);
    if (result.ok) {
      this.confirmed.set(spanId, result.span);
      this.dropFromQueue(q.mutationId);
      this.recompute(spanId);
      return;
    }
    const { code, message, current } = result.error;
    // Already in the state this edit wanted (deleted twice, restored twice): nothing to roll back.
    const alreadyThere =
      (q.op.type === "delete" && code === "SPAN_DELETED") || (q.op.type === "restore" && code === "SPAN_NOT_DELETED");
    if (alreadyThere && current) {
      this.confirmed.set(spanId, current);
      this.dropFromQueue(q.mutationId);
      this.recompute(spanId);
      return;
    }
    if (CONFLICT_CODES.has(code) && current) {
      const mine = this.local.get(spanId);
      this.rollback(q, { code, message, current }, false);
      this.conflicts.set(spanId, { spanId, articleId: q.articleId, theirs: current, mine, message });
      return;
    }
    this.rollback(q, { code, message, current });
  }

  /** Drops `q` and what was queued after it on the same span; shows the span as the server has it. */
  private rollback(
    q: QueuedMutation,
    error: { code: string; message: string; current?: SpanDTO },
    report = true,
  ): void {
    const spanId = spanIdOf(q.op);
    const at = this.queue.findIndex((m) => m.mutationId === q.mutationId);
    if (at >= 0) this.queue = this.queue.filter((m, i) => i < at || spanIdOf(m.op) !== spanId);
    if (error.current) this.confirmed.set(spanId, error.current);
    this.recompute(spanId);
    if (report) this.addError(q.articleId, spanId, error.code, error.message);
  }

  private dropFromQueue(mutationId: string): void {
    this.queue = this.queue.filter((m) => m.mutationId !== mutationId);
  }

  private addError(articleId: string, spanId: string | null, code: string, message: string): void {
    this.errors = [...this.errors, { id: newId(), articleId, spanId, code, message }].slice(-MAX_ERRORS);
  }

  // ───────────── Local view ─────────────

  /** The local span = the confirmed one with this span's queued edits applied. */
  private recompute(spanId: string): void {
    let span = this.confirmed.get(spanId);
    const now = new Date().toISOString();
    for (const q of this.queue) if (spanIdOf(q.op) === spanId) span = applyOp(span, q.op, this.user, now);
    this.setLocal(spanId, span);
  }

  private setLocal(spanId: string, span: SpanDTO | undefined): void {
    const before = this.local.get(spanId);
    if (before) {
      this.byArticle.get(before.articleId)?.delete(spanId);
      this.touch(before.articleId, spanId, before);
    }
    if (!span) {
      this.local.delete(spanId);
      return;
    }
    this.local.set(spanId, span);
    let ids = this.byArticle.get(span.articleId);
    if (!ids) this.byArticle.set(span.articleId, (ids = new Set()));
    ids.add(spanId);
    this.touch(span.articleId, spanId, before);
  }

  private touch(articleId: string, spanId: string, before: SpanDTO | undefined): void {
    let ids = this.dirtySpans.get(articleId);
    if (!ids) this.dirtySpans.set(articleId, (ids = new Map()));
    if (!ids.has(spanId)) ids.set(spanId, before);
  }

  /** The article's live spans in text order: the previous list patched where few spans changed, else rebuilt. */
  private listOf(articleId: string, previous: readonly SpanDTO[] | undefined): readonly SpanDTO[] {
    const changed = this.dirtySpans.get(articleId);
    if (previous && changed && !this.dirtyArticles.has(articleId) && changed.size <= PATCH_LIMIT) {
      const patched = patchList(
        previous,
        [...changed.values()].filter((s): s is SpanDTO => isAlive(s) && s.articleId === articleId),
        [...changed.keys()]
          .map((id) => this.local.get(id))
          .filter((s): s is SpanDTO => isAlive(s) && s.articleId === articleId),
      );
      if (patched) return patched;
    }
    const spans: SpanDTO[] = [];
    for (const id of this.byArticle.get(articleId) ?? []) {
      const s = this.local.get(id);
      if (isAlive(s)) spans.push(s);
    }
    return spans.sort(compareSpans);
  }

  private buildSnapshot(): AnnotationSnapshot {
    const spansByArticle: Record<string, readonly SpanDTO[]> = { ...this.snapshot?.spansByArticle };
    const dirty = this.snapshot
      ? new Set([...this.dirtyArticles, ...this.dirtySpans.keys()])
      : new Set(this.byArticle.keys());
    for (const articleId of dirty)
      spansByArticle[articleId] = this.listOf(articleId, this.snapshot?.spansByArticle[articleId]);
    this.dirtyArticles.clear();
    this.dirtySpans.clear();
    // Unchanged parts keep their identity, so a subscriber selecting them does not re-render.
    const previous = this.snapshot;
    const ids = this.pendingIds();
    const pendingSpanIds = previous && sameSet(previous.pendingSpanIds, ids) ? previous.pendingSpanIds : ids;
    const open = [...this.conflicts.values()];
    const conflicts = previous && sameList(previous.conflicts, open) ? previous.conflicts : open;
    return {
      spansByArticle,
      pending: this.queue.length,
      pendingSpanIds,
      saving: this.saving,
      offline: this.offline,
      retrying: this.retrying,
      conflicts,
      errors: this.errors,
      canUndo: this.undoStack.length > 0,
      canRedo: this.redoStack.length > 0,
      savedCount: this.savedCount,
      remoteCount: this.remoteCount,
    };
  }

  private emit(): void {
    if (this.group) return; // one notification at the end of a transaction
    this.snapshot = this.buildSnapshot();
    for (const listener of this.listeners) listener();
  }
}
