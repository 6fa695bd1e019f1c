"use client";

import type { LabelDTO, SpanDTO } from "@/lib/annotation/dto";

const button = "rounded border border-stone-300 px-2 py-0.5 text-xs hover:bg-stone-100";

/** The selected span with what an editor can do to it (relabel, link, delete); a viewer only reads. */
export function SpanList({
  span,
  labels,
  canAnnotate,
  onRelabel,
  onLink,
  onDelete,
}: {
  span: SpanDTO | null;
  labels: readonly LabelDTO[];
  canAnnotate: boolean;
  onRelabel: (span: SpanDTO) => void;
  onLink: (span: SpanDTO) => void;
  onDelete: (span: SpanDTO) => void;
}) {
  if (!span)
    return (
      <p className="text-sm text-stone-600">
        Click a highlighted span, or press n / p, to select one. Press ? for keys.
      </p>
    );
  const label = span.labelId ? labels.find((l) => l.id === span.labelId) : undefined;
  return (
    <ul aria-label="Selected span" className="text-sm">
      <li data-testid="span-item" className="rounded-md border border-blue-500 p-2">
        <p className="flex items-center gap-2">
          <span
            className="inline-block h-3 w-3 shrink-0 rounded-sm"
            style={{ backgroundColor: label?.color ?? "#78716c" }}
            aria-hidden
          />
          <span className="font-medium" data-testid="span-label">
            {label?.name ?? (span.kind === "CLAIM" ? "Claim" : "Unlabelled")}
          </span>
          <span className="truncate text-stone-600">“{span.quote}”</span>
        </p>
        {canAnnotate ? (
          <div className="mt-1 flex flex-wrap gap-2">
            <button type="button" onClick={() => onRelabel(span)} className={button} aria-keyshortcuts="l">
              Relabel
            </button>
            <button type="button" onClick={() => onLink(span)} className={button} aria-keyshortcuts="e">
              {span.kind === "CLAIM" ? "Link claim" : "Link entity"}
            </button>
            <button
              type="button"
              onClick={() => onDelete(span)}
              className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50"
              aria-keyshortcuts="Delete"
            >
              Delete span
            </button>
          </div>
        ) : null}
      </li>
    </ul>
  );
}
