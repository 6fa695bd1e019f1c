"use client";

import { useCallback } from "react";
import type { AnnotationStore, SpanDTO } from "@/lib/annotate-client";
import { useAnnotationStore } from "@/components/annotate/use-annotation-store";
import { SpanInspector } from "@/components/annotate/SpanInspector";
import type { LabelDTO } from "@/lib/annotation/dto";
import { SpanList } from "./SpanList";

const EMPTY: readonly SpanDTO[] = [];

/**
 * The side panel for the selected span: its actions (relabel, link, delete),
 * then every span covering its text with their history.
 */
export function SelectionPanel({
  store,
  selected,
  labels,
  canAnnotate,
  onSelect,
  onRelabel,
  onLink,
  onDelete,
}: {
  store: AnnotationStore;
  selected: string | null;
  labels: readonly LabelDTO[];
  canAnnotate: boolean;
  onSelect: (span: SpanDTO) => void;
  onRelabel: (span: SpanDTO) => void;
  onLink: (span: SpanDTO) => void;
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
  const pendingSpanIds = useAnnotationStore(store, selectPending);
  const covering = span ? articleSpans.filter((s) => s.start < span.end && s.end > span.start) : [];
  return (
    <section aria-labelledby="selection-title" className="space-y-3 rounded-lg border border-stone-200 bg-white p-3">
      <h2 id="selection-title" className="text-sm font-semibold">
        Selected span
      </h2>
      <SpanList
        span={span}
        labels={labels}
        canAnnotate={canAnnotate}
        onRelabel={onRelabel}
        onLink={onLink}
        onDelete={onDelete}
      />
      {span ? (
        <SpanInspector
          spans={covering}
          labels={labels}
          pendingSpanIds={pendingSpanIds}
          onSelect={onSelect}
          selectedId={selected}
        />
      ) : null}
    </section>
  );
}

const selectPending = (s: ReturnType<AnnotationStore["getSnapshot"]>) => s.pendingSpanIds;

function findSpan(byArticle: Readonly<Record<string, readonly SpanDTO[]>>, id: string): SpanDTO | null {
  for (const spans of Object.values(byArticle)) {
    const found = spans.find((s) => s.id === id);
    if (found) return found;
  }
  return null;
}
