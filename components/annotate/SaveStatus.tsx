"use client";
/**
 * SaveStatus — one line saying where this editor's changes are, derived from
 * the store's queue alone: "Saving…", "All changes saved", "Offline — N
 * changes queued", "Server unavailable — retrying", and, when the server
 * refused changes or another editor's change conflicts with one, "Not saved:
 * …" instead of "All changes saved" (never both). Read out politely to
 * screen readers, followed by the refused changes (with the server's reason,
 * dismissable).
 *
 * Props:
 * - `store`: the AnnotationStore.
 */
import type { AnnotationSnapshot, AnnotationStore } from "@/lib/annotate-client";
import { useAnnotationStore } from "./use-annotation-store";

export interface SaveStatusProps {
  store: AnnotationStore;
}

type StatusInput = Pick<AnnotationSnapshot, "pending" | "offline" | "retrying" | "saving"> &
  Partial<Pick<AnnotationSnapshot, "conflicts" | "errors">>;

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What is not saved and waits for the editor: conflicts to resolve, changes the server refused. */
function unsaved(s: StatusInput): string | null {
  const parts = [
    s.conflicts?.length ? `${count(s.conflicts.length, "conflict")} to resolve` : "",
    s.errors?.length ? `${count(s.errors.length, "change")} refused` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

export function saveStatusText(s: StatusInput): string {
  const n = `${count(s.pending, "change")} queued`;
  const open = unsaved(s);
  if (s.offline && s.pending) return `Offline — ${n}`;
  if (s.retrying && s.pending) return `Server unavailable — retrying, ${n}`;
  if (s.pending || s.saving) return open ? `Saving… · not saved: ${open}` : "Saving…";
  return open ? `Not saved: ${open}` : "All changes saved";
}

const selectText = (s: AnnotationSnapshot) => saveStatusText(s);
const selectErrors = (s: AnnotationSnapshot) => s.errors;

export function SaveStatus({ store }: SaveStatusProps) {
  const text = useAnnotationStore(store, selectText);
  const errors = useAnnotationStore(store, selectErrors);
  const tone = text === "All changes saved" || text === "Saving…" ? "text-stone-600" : "text-amber-800";
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
