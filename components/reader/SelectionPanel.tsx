"use client";

import { useCallback } from "react";
import type { AnnotationStore, SpanDTO } from "@/lib/annotate-client";
import { useAnnotationStore } from "@/components/annotate/use-annotation-store";
import type { LabelDTO } from "@/lib/annotation/dto";
import { SpanList } from "./SpanList";

const EMPTY: readonly SpanDTO[] = [];

/** The side panel for the selected span: every span covering its text. */
export function SelectionPanel({
  store,
  selected,
  labels,
  canAnnotate,
  onSelect,
  onRelabel,
  onDelete,
}: {
  store: AnnotationStore;
  selected: string | null;
  labels: ReadonlyMap<string, LabelDTO>;
  canAnnotate: boolean;
  onSelect: (span: SpanDTO) => void;
  onRelabel: (span: SpanDTO) => void;
  onDelete: (span: SpanDTO) => void;
}) {
  const span = useAnnotationStore(
    store,
    useCallback((s) => (selected ? findSpan(s.spansByArticle, selected) : null), [selected]),
  );
  const articleSpans = useAnnotationStore(
    store,
    useCallback((s) => (span ? (s.spansByArticle[span.articleId] ?? EMPTY) : EMPTY), [span]),
  );
  const covering = span ? articleSpans.filter((s) => s.start < span.end && s.end > span.start) : [];
  return (
    <section aria-labelledby="selection-title" className="rounded-lg border border-stone-200 bg-white p-3">
      <h2 id="selection-title" className="mb-2 text-sm font-semibold">
        Spans here
      </h2>
      <SpanList
        spans={covering}
        labels={labels}
        selectedId={selected}
        canAnnotate={canAnnotate}
        onSelect={onSelect}
        onRelabel={onRelabel}
        onDelete={onDelete}
      />
    </section>
  );
}

function findSpan(byArticle: Readonly<Record<string, readonly SpanDTO[]>>, id: string): SpanDTO | null {
  for (const spans of Object.values(byArticle)) {
    const found = spans.find((s) => s.id === id);
    if (found) return found;
  }
  return null;
}
