"use client";

import type { LabelDTO, SpanDTO } from "@/lib/annotation/dto";

/**
 * What covers the text under the selection: every span there, outermost
 * first, with its label and quote; editors relabel or delete from here.
 */
export function SpanList({
  spans,
  labels,
  selectedId,
  canAnnotate,
  onSelect,
  onRelabel,
  onDelete,
}: {
  spans: readonly SpanDTO[];
  labels: ReadonlyMap<string, LabelDTO>;
  selectedId: string | null;
  canAnnotate: boolean;
  onSelect: (span: SpanDTO) => void;
  onRelabel: (span: SpanDTO) => void;
  onDelete: (span: SpanDTO) => void;
}) {
  if (spans.length === 0)
    return <p className="text-sm text-stone-600">Select a span (click it, or n / p) to see what covers the text.</p>;
  return (
    <ul aria-label="Spans here" className="space-y-2">
      {spans.map((span) => {
        const label = span.labelId ? labels.get(span.labelId) : undefined;
        return (
          <li
            key={span.id}
            data-testid="span-item"
            className={`rounded-md border p-2 text-sm ${span.id === selectedId ? "border-blue-500" : "border-stone-200"}`}
          >
            <button type="button" className="flex w-full items-center gap-2 text-left" onClick={() => onSelect(span)}>
              <span
                className="inline-block h-3 w-3 shrink-0 rounded-sm"
                style={{ backgroundColor: label?.color ?? "#78716c" }}
                aria-hidden
              />
              <span className="font-medium" data-testid="span-label">
                {label?.name ?? (span.kind === "CLAIM" ? "Claim" : "Unlabelled")}
              </span>
              <span className="truncate text-stone-600">“{span.quote}”</span>
            </button>
            {canAnnotate ? (
              <div className="mt-1 flex gap-2">
                <button
                  type="button"
                  onClick={() => onRelabel(span)}
                  className="rounded border border-stone-300 px-2 py-0.5 text-xs hover:bg-stone-100"
                >
                  Relabel
                </button>
                <button
                  type="button"
                  onClick={() => onDelete(span)}
                  className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50"
                >
                  Delete span
                </button>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
