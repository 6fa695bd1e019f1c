"use client";
/**
 * ConflictBanner — another editor changed (or deleted) a span while this
 * editor was changing it. Their version is what the text shows; the banner
 * says what each side has and lets the editor keep theirs or re-apply mine.
 *
 * Props:
 * - `store`: the AnnotationStore (its `conflicts`).
 * - `labels`: all labels, to name them.
 * - `onShow?(conflict)`: jump to the span.
 */
import type { AnnotationStore, Conflict } from "@/lib/annotate-client";
import type { LabelDTO, SpanDTO } from "@/lib/annotate-client/types";
import { buttonClass } from "./ui";
import { useAnnotationStore } from "./use-annotation-store";

export interface ConflictBannerProps {
  store: AnnotationStore;
  labels: readonly LabelDTO[];
  onShow?: (conflict: Conflict) => void;
}

const selectConflicts = (s: { conflicts: readonly Conflict[] }) => s.conflicts;

export function describeSide(span: SpanDTO | undefined, labels: readonly LabelDTO[]): string {
  if (!span || span.deletedAt) return "deleted";
  const label = labels.find((l) => l.id === span.labelId)?.name ?? (span.kind === "CLAIM" ? "Claim" : "untagged");
  const link = span.entityId ? ", linked to an entity" : span.claimId ? ", linked to a claim" : "";
  return `${label} “${span.quote}”${link}`;
}

export function ConflictBanner({ store, labels, onShow }: ConflictBannerProps) {
  const conflicts = useAnnotationStore(store, selectConflicts);
  if (conflicts.length === 0) return null;
  return (
    <div
      role="alert"
      className="space-y-2 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
      data-testid="conflict-banner"
    >
      {conflicts.map((c) => (
        <div key={c.spanId} data-span-id={c.spanId}>
          <p className="font-medium">
            {c.theirs.updatedBy?.name ?? "Another editor"} changed this span while you were editing it.
          </p>
          <p>
            Now: <strong>{describeSide(c.theirs, labels)}</strong> · Yours:{" "}
            <strong>{describeSide(c.mine, labels)}</strong>
          </p>
          <div className="mt-1 flex gap-2">
            {onShow ? (
              <button type="button" className={buttonClass} onClick={() => onShow(c)}>
                Show
              </button>
            ) : null}
            <button type="button" className={buttonClass} onClick={() => store.resolveConflict(c.spanId, "theirs")}>
              Keep theirs
            </button>
            <button type="button" className={buttonClass} onClick={() => store.resolveConflict(c.spanId, "mine")}>
              Keep mine
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
