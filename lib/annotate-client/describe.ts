/**
 * Edits in words, for the feedback after undo and redo ("Undone: tagging
 * “Kiel” as Location."). Pure: the caller names labels.
 */
import type { SpanEdit } from "./store";
import type { SpanDTO } from "./types";

const alive = (s: SpanDTO | undefined): s is SpanDTO => s !== undefined && !s.deletedAt;

/** One span's edit as a gerund phrase: "tagging “Kiel” as Location", "deleting “EU”". */
function phrase({ before, after }: SpanEdit, labelName: (labelId: string | null) => string): string {
  if (!alive(after)) return `deleting “${(before ?? after)?.quote ?? ""}”`;
  // A span brought back (undoing its deletion, redoing its creation) is tagged again.
  if (!alive(before)) return `tagging “${after.quote}” as ${labelName(after.labelId)}`;
  const q = `“${before.quote}”`;
  const parts: string[] = [];
  if (before.start !== after.start || before.end !== after.end) parts.push(`changing ${q} to “${after.quote}”`);
  if (before.labelId !== after.labelId) parts.push(`relabelling ${q} as ${labelName(after.labelId)}`);
  if (before.entityId !== after.entityId)
    parts.push(
      after.entityId
        ? `linking ${q} to ${before.entityId ? "another" : "an"} entity`
        : `unlinking ${q} from its entity`,
    );
  if (before.claimId !== after.claimId)
    parts.push(
      after.claimId ? `linking ${q} to ${before.claimId ? "another" : "a"} claim` : `unlinking ${q} from its claim`,
    );
  if (before.reviewStatus !== after.reviewStatus) parts.push(`marking ${q} ${after.reviewStatus.toLowerCase()}`);
  return parts.length ? parts.join(", ") : `editing ${q}`;
}

/** What an undo or redo did, as one sentence; the edit list is what AnnotationStore.undo()/redo() returned. */
export function describeEdit(
  direction: "undo" | "redo",
  edits: readonly SpanEdit[] | null,
  labelName: (labelId: string | null) => string,
): string {
  if (!edits || edits.length === 0) return direction === "undo" ? "Nothing to undo." : "Nothing to redo.";
  const first = phrase(edits[0]!, labelName);
  const more = edits.length > 1 ? ` and ${edits.length - 1} more change${edits.length > 2 ? "s" : ""}` : "";
  return `${direction === "undo" ? "Undone" : "Redone"}: ${first}${more}.`;
}
