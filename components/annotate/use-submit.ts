"use client";
import { useState } from "react";
import { errorMessage } from "@/lib/annotate-client/api";

/**
 * A form's request: `busy` while it runs, its `error` after. `onError` may
 * turn a failure into its own message (a conflict, a duplicate) and act on
 * it; by default the server's message is shown.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>, onError: (e: unknown) => string = errorMessage) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(onError(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
