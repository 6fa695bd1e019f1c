/**
 * The browser-side annotation client (issue 5). Framework-free; React binds
 * through `useAnnotationStore` in components/annotate/use-annotation-store.ts.
 *
 * ```ts
 * const store = new AnnotationStore({ spans, user: { id, name } }); // spans: SpanDTO[] of the open articles
 * store.subscribe(listener) / store.getSnapshot()  // immutable AnnotationSnapshot:
 *   // spansByArticle[articleId]: live spans in text order (optimistic) · pending · pendingSpanIds
 *   // saving · offline · retrying · conflicts: Conflict[] · errors: StoreError[] · canUndo · canRedo · savedCount
 * const id = store.create({ articleId, start, end, quote, kind, labelId?, entityId?, claimId?, source? })
 * store.update(id, { labelId, entityId, ... }) ; store.remove(id) ; store.undo() ; store.redo()   // the edit taken back / made again (describeEdit words it), or null
 * store.transaction(() => { ... })                   // several edits, one undo step
 * store.resolveConflict(id, "theirs" | "mine") ; store.dismissError(errorId)
 * store.merge(articleId, serverSpans)                // a pane (re)loaded its spans from GET …/spans
 * await store.flush()                                // send now; true when nothing is left queued
 * store.getSpan(id) ; store.dispose()
 *
 * // React:
 * const spans = useAnnotationStore(store, (s) => s.spansByArticle[articleId] ?? EMPTY);
 * ```
 *
 * Offsets are code points over the article's current text (convert browser
 * UTF-16 indices with lib/text/code-points.ts). Saving is automatic: edits
 * are applied at once and sent in the background (POST
 * /api/articles/{id}/spans/mutations) with client mutation ids, retried with
 * backoff after a network failure or a 5xx without ever applying twice, and
 * kept in localStorage per user until acknowledged. `api.ts` has typed
 * fetchers for the other annotation routes (taxonomy, entities, claims,
 * story annotations, suggestions, history) used by the panels.
 */
export { AnnotationStore } from "./store";
export type { AnnotationSnapshot, AnnotationStoreOptions, Conflict, SpanEdit, StoreError } from "./store";
export { describeEdit } from "./describe";
export { fetchTransport } from "./transport";
export type { Transport, TransportResponse } from "./transport";
export type { QueueStorage } from "./persist";
export * from "./types";
export { annotationApi, ApiError, errorMessage } from "./api";
