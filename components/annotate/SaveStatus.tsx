"use client";
/**
 * SaveStatus — "Saving…", "All changes saved", "Offline — N changes queued"
 * (or "Server unavailable — retrying"), read out politely to screen readers,
 * followed by the changes the server refused (with its reason, dismissable).
 *
 * Props:
 * - `store`: the AnnotationStore.
 */
import type { AnnotationSnapshot, AnnotationStore } from "@/lib/annotate-client";
import { useAnnotationStore } from "./use-annotation-store";

export interface SaveStatusProps {
  store: AnnotationStore;
}

export function saveStatusText(s: Pick<AnnotationSnapshot, "pending" | "offline" | "retrying" | "saving">): string {
  const n = `${s.pending} change${s.pending === 1 ? "" : "s"} queued`;
  if (s.offline && s.pending) return `Offline — ${n}`;
  if (s.retrying && s.pending) return `Server unavailable — retrying, ${n}`;
  if (s.pending || s.saving) return "Saving…";
  return "All changes saved";
}

const selectText = (s: AnnotationSnapshot) => saveStatusText(s);
const selectErrors = (s: AnnotationSnapshot) => s.errors;

export function SaveStatus({ store }: SaveStatusProps) {
  const text = useAnnotationStore(store, selectText);
  const errors = useAnnotationStore(store, selectErrors);
  const tone = text.startsWith("Offline") || text.startsWith("Server") ? "text-amber-800" : "text-stone-600";
  return (
    <div className="text-sm">
      <p role="status" aria-live="polite" className={tone} data-testid="save-status">
        {text}
      </p>
      {errors.length ? (
        <ul role="alert" className="mt-1 space-y-1" data-testid="save-errors">
          {errors.map((e) => (
            <li key={e.id} className="flex items-start gap-2 rounded-md bg-red-50 px-2 py-1 text-red-800">
              <span className="flex-1">Not saved: {e.message}</span>
              <button
                type="button"
                className="rounded px-1 hover:bg-red-100"
                aria-label="Dismiss"
                onClick={() => store.dismissError(e.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
