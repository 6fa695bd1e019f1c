"use client";

import type { AnnotationStore } from "@/lib/annotate-client";
import { useAnnotationStore } from "@/components/annotate/use-annotation-store";

const pick = (s: ReturnType<AnnotationStore["getSnapshot"]>) =>
  s.offline
    ? "Offline — changes will be saved when the connection is back"
    : s.retrying
      ? "Retrying…"
      : s.pending > 0
        ? "Saving…"
        : s.savedCount > 0
          ? "All changes saved"
          : "";

/** Save state in one line (until the annotation panels' SaveStatus is wired in). */
export function SaveLine({ store }: { store: AnnotationStore }) {
  const text = useAnnotationStore(store, pick);
  return (
    <span className="text-stone-600" data-testid="save-state" aria-live="polite">
      {text}
    </span>
  );
}
