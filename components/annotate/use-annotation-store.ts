"use client";
/**
 * useAnnotationStore(store, selector): subscribes a component to an
 * AnnotationStore (lib/annotate-client) and re-renders it when the selected
 * value changes. The selection is cached per snapshot, so a selector may
 * derive a new array or object without causing render loops; it re-runs only
 * when the store publishes a new snapshot (or the selector changes). Pass a
 * stable selector (module-level or useCallback) for the best reuse.
 *
 * During hydration React renders from the store's server snapshot (the spans
 * the page was rendered with); a queue restored from localStorage shows in the
 * first client render after it, so the two never mismatch.
 *
 * useDeferredAnnotationStore(store, selector) is the same for what may follow
 * the text by a frame (side panels): a store change reaches it in a
 * transition, after the urgent render that paints the new highlight, so its
 * re-render never delays that paint.
 */
import { startTransition, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { AnnotationSnapshot, AnnotationStore } from "@/lib/annotate-client";

function memoized<T>(read: () => AnnotationSnapshot, selector: (s: AnnotationSnapshot) => T): () => T {
  let last: { snapshot: AnnotationSnapshot; value: T } | null = null;
  return () => {
    const snapshot = read();
    if (last && last.snapshot === snapshot) return last.value;
    const value = selector(snapshot);
    last = { snapshot, value: last && Object.is(last.value, value) ? last.value : value };
    return last.value;
  };
}

export function useAnnotationStore<T>(store: AnnotationStore, selector: (snapshot: AnnotationSnapshot) => T): T {
  const get = useMemo(() => memoized(store.getSnapshot, selector), [store, selector]);
  const getServer = useMemo(() => memoized(store.getServerSnapshot, selector), [store, selector]);
  return useSyncExternalStore(store.subscribe, get, getServer);
}

/** The store's snapshot as a transition sees it: the server snapshot first (hydration), then every change, deferred. */
export function useDeferredSnapshot(store: AnnotationStore): AnnotationSnapshot {
  const [snapshot, setSnapshot] = useState(store.getServerSnapshot);
  useEffect(() => {
    const update = () => startTransition(() => setSnapshot(store.getSnapshot()));
    update();
    return store.subscribe(update);
  }, [store]);
  return snapshot;
}

export function useDeferredAnnotationStore<T>(
  store: AnnotationStore,
  selector: (snapshot: AnnotationSnapshot) => T,
): T {
  const snapshot = useDeferredSnapshot(store);
  return useMemo(() => selector(snapshot), [snapshot, selector]);
}
