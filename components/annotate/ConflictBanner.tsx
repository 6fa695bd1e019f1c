"use client";
/**
 * ConflictBanner — another editor changed (or deleted) a span while this
 * editor was changing it. Their version is what the text shows; the banner
 * says what each side has (with the linked entity's or claim's name), lists
 * the fields that differ, and lets the editor keep theirs or re-apply mine.
 *
 * Props:
 * - `store`: the AnnotationStore (its `conflicts`).
 * - `labels`: all labels, to name them.
 * - `names?`: entity id → name and claim id → statement of the story's entities and claims.
 * - `onShow?(conflict)`: jump to the span.
 */
import type { AnnotationStore, Conflict } from "@/lib/annotate-client";
import { conflictDifferences, describeSpan, type ConflictNames } from "@/lib/annotate-client/conflict-diff";
import type { LabelDTO } from "@/lib/annotate-client/types";
import { buttonClass } from "./ui";
import { useAnnotationStore } from "./use-annotation-store";

export interface ConflictBannerProps {
  store: AnnotationStore;
  labels: readonly LabelDTO[];
  names?: ConflictNames;
  onShow?: (conflict: Conflict) => void;
}

const selectConflicts = (s: { conflicts: readonly Conflict[] }) => s.conflicts;
const NO_NAMES: ConflictNames = { entities: {}, claims: {} };

export function ConflictBanner({ store, labels, names = NO_NAMES, onShow }: ConflictBannerProps) {
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
            Now: <strong>{describeSpan(c.theirs, labels, names)}</strong> · Yours:{" "}
            <strong>{describeSpan(c.mine, labels, names)}</strong>
          </p>
          <Differences conflict={c} labels={labels} names={names} />
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

function Differences({
  conflict,
  labels,
  names,
}: {
  conflict: Conflict;
  labels: readonly LabelDTO[];
  names: ConflictNames;
}) {
  const differences = conflictDifferences(conflict.theirs, conflict.mine, labels, names);
  if (differences.length === 0) return <p>Both versions are the same now; keeping either changes nothing.</p>;
  return (
    <table className="mt-1 text-left" data-testid="conflict-differences">
      <thead>
        <tr className="text-xs text-amber-900">
          <th scope="col" className="pr-3 font-medium">
            Differs
          </th>
          <th scope="col" className="pr-3 font-medium">
            Now
          </th>
          <th scope="col" className="font-medium">
            Yours
          </th>
        </tr>
      </thead>
      <tbody>
        {differences.map((d) => (
          <tr key={d.field}>
            <th scope="row" className="pr-3 font-normal">
              {d.name}
            </th>
            <td className="pr-3">
              <bdi>{d.now}</bdi>
            </td>
            <td>
              <bdi>{d.yours}</bdi>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
