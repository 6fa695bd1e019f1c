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
 * transition once the frame that paints the new highlight is painted, so its
 * re-render never delays that paint.
 */
import { startTransition, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { AnnotationSnapshot, AnnotationStore } from "@/lib/annotate-client";
import { afterNextPaint } from "@/components/ui/after-paint";

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

/**
 * The store's snapshot as a transition sees it: the server snapshot first (hydration), then its
 * changes once the frame that shows them in the text is painted (the changes of one frame together):
 * rendered right after the urgent render, a panel's transition could hold the main thread when that
 * frame was due.
 */
export function useDeferredSnapshot(store: AnnotationStore): AnnotationSnapshot {
  const [snapshot, setSnapshot] = useState(store.getServerSnapshot);
  useEffect(() => {
    let live = true;
    let scheduled = false;
    const take = () => startTransition(() => setSnapshot(store.getSnapshot()));
    const later = () => {
      if (scheduled) return;
      scheduled = true;
      afterNextPaint(() => {
        scheduled = false;
        if (live) take();
      });
    };
    take();
    const unsubscribe = store.subscribe(later);
    return () => {
      live = false;
      unsubscribe();
    };
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
