"use client";
/**
 * useAnnotationStore(store, selector): subscribes a component to an
 * AnnotationStore (lib/annotate-client) and re-renders it when the selected
 * value changes. The selection is cached per snapshot, so a selector may
 * derive a new array or object without causing render loops; it re-runs only
 * when the store publishes a new snapshot (or the selector changes).
 */
import { useCallback, useRef, useSyncExternalStore } from "react";
import type { AnnotationSnapshot, AnnotationStore } from "@/lib/annotate-client";

export function useAnnotationStore<T>(store: AnnotationStore, selector: (snapshot: AnnotationSnapshot) => T): T {
  const cache = useRef<{ snapshot: AnnotationSnapshot; selector: unknown; value: T } | null>(null);
  const get = useCallback(() => {
    const snapshot = store.getSnapshot();
    const c = cache.current;
    if (c && c.snapshot === snapshot && c.selector === selector) return c.value;
    const value = selector(snapshot);
    // Keep the previous value when equal, so consumers' memo dependencies hold.
    cache.current = { snapshot, selector, value: c && Object.is(c.value, value) ? c.value : value };
    return cache.current.value;
  }, [store, selector]);
  return useSyncExternalStore(store.subscribe, get, get);
}
