"use client";
/**
 * useRemote(load, key): runs `load` (a fetch with an AbortSignal) whenever
 * `key` changes, aborting the previous run; returns its data, error and a
 * reload function. Panels use it for the annotation API's reads.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "@/lib/annotate-client/api";

export interface Remote<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

export function useRemote<T>(load: ((signal: AbortSignal) => Promise<T>) | null, key: string): Remote<T> {
  const [state, setState] = useState<{ key: string; data?: T; error: string | null; loading: boolean }>({
    key: "",
    error: null,
    loading: load !== null,
  });
  const [nonce, setNonce] = useState(0);
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  useEffect(() => {
    const run = loader.current;
    if (!run) return;
    const controller = new AbortController();
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    run(controller.signal).then(
      (data) => live && setState({ key, data, error: null, loading: false }),
      (error: unknown) => {
        if (!live || (error as Error).name === "AbortError") return;
        setState((s) => ({ ...s, error: errorMessage(error), loading: false }));
      },
    );
    return () => {
      live = false;
      controller.abort();
    };
  }, [key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
