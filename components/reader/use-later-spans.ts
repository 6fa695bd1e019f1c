"use client";

import { useEffect } from "react";
import type { AnnotationStore, SpanDTO } from "@/lib/annotate-client";
import { annotationApi, ApiError } from "@/lib/annotate-client/api";
import { unpackSlices } from "@/lib/reader/span-pack";
import type { StoryView } from "@/lib/reader/story-view";
import { afterNextPaint } from "@/components/ui/after-paint";

/** Decoding yields to the browser this often (checked every SLICE spans), so scrolling and keys stay responsive. */
const TASK_MS = 8;
const SLICE = 250;
/** Waits before asking again after a failed fetch (a server restarting, a dropped connection). */
const RETRY_MS = [1_000, 3_000, 10_000];

const EMPTY: readonly SpanDTO[] = [];

/**
 * Fetches each long pane's spans after its head (`PaneArticle.headEnd`) as
 * soon as the reader is up, and takes them in once the first screen is
 * painted: decoded in tasks of about TASK_MS, then merged into the store with
 * what it holds by then (the head, edits, live changes), which keeps the
 * newer of each span. `onProblem` hears why a pane's spans could not come.
 */
export function useLaterSpans(
  store: AnnotationStore,
  panes: StoryView["panes"],
  onProblem: (message: string) => void,
): void {
  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const painted = new Promise<void>((resolve) => afterNextPaint(resolve));
    const fetchPane = async (pane: StoryView["panes"][number]) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await annotationApi.laterSpans(pane.id, pane.headEnd!, pane.revision, signal);
        } catch (error) {
          const retry = RETRY_MS[attempt];
          const lasting = error instanceof ApiError && error.status >= 400 && error.status < 500;
          if (signal.aborted || lasting || retry === undefined) throw error;
          await pause(retry);
        }
      }
    };
    for (const pane of panes) {
      if (pane.headEnd === null) continue;
      void (async () => {
        const packed = await fetchPane(pane);
        await painted;
        const spans: SpanDTO[] = [];
        let yieldAt = performance.now() + TASK_MS;
        for (const slice of unpackSlices(packed, pane.id, pane.text, SLICE)) {
          if (signal.aborted) return;
          spans.push(...slice);
          if (performance.now() < yieldAt) continue;
          await pause(0);
          yieldAt = performance.now() + TASK_MS;
        }
        if (signal.aborted || !spans.length) return;
        store.merge(pane.id, [...(store.getSnapshot().spansByArticle[pane.id] ?? EMPTY), ...spans]);
      })().catch((error: unknown) => {
        if (signal.aborted) return;
        onProblem(
          error instanceof ApiError && error.code === "REVISION_CHANGED"
            ? `The ${pane.language} version was revised by another editor: reload to read the new text.`
            : `The ${pane.language} version's annotations past the first screens could not be loaded ` +
                `(${error instanceof Error ? error.message : String(error)}). Reload to try again.`,
        );
      });
    }
    return () => abort.abort();
  }, [store, panes, onProblem]);
}
