"use client";

import { useEffect } from "react";
import type { AnnotationStore, SpanDTO } from "@/lib/annotate-client";
import { annotationApi, ApiError } from "@/lib/annotate-client/api";
import { unpackSlices, type PackedSpans } from "@/lib/reader/span-pack";
import type { StoryView } from "@/lib/reader/story-view";
import { afterNextPaint } from "@/components/ui/after-paint";

/** Decoding yields to the browser this often (checked every SLICE spans), so scrolling and keys stay responsive. */
const TASK_MS = 8;
const SLICE = 250;
/** How long no pane has scrolled before a part is taken in; a longer scroll waits at most SCROLL_WAIT_MS. */
const SCROLL_REST_MS = 150;
const SCROLL_WAIT_MS = 3_000;
/** Waits before asking again after a failed fetch (a server restarting, a dropped connection). */
const RETRY_MS = [1_000, 3_000, 10_000];

/**
 * Fetches each long pane's spans after its head (`PaneArticle.headEnd`) as
 * the reader comes up, and once its first screen is painted takes them in a
 * part at a time as the parts arrive and while no pane is being scrolled
 * (each part drawn by one render), beside what the store holds by then (the
 * head, edits, live changes), keeping the newer of each span. `onProblem`
 * hears why a pane's spans could not come, `onComplete` when every pane's
 * are in (or could not come).
 */
export function useLaterSpans(
  store: AnnotationStore,
  panes: StoryView["panes"],
  onProblem: (message: string) => void,
  onComplete: () => void,
): void {
  useEffect(() => {
    const long = panes.filter((pane) => pane.headEnd !== null);
    if (!long.length) {
      onComplete();
      return;
    }
    const abort = new AbortController();
    const { signal } = abort;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const painted = new Promise<void>((resolve) => afterNextPaint(resolve));
    // The last scroll of any pane: a part waits for the scroll to rest, so taking it in never costs a
    // scrolled frame (the spans of the text scrolled to are drawn once it stops).
    let scrolled = 0;
    const onScroll = () => {
      scrolled = performance.now();
    };
    document.addEventListener("scroll", onScroll, { capture: true, passive: true });
    signal.addEventListener("abort", () => document.removeEventListener("scroll", onScroll, { capture: true }));
    /** Resolves once no pane has scrolled for SCROLL_REST_MS (or after SCROLL_WAIT_MS of scrolling). */
    const still = async () => {
      const since = performance.now();
      while (performance.now() - scrolled < SCROLL_REST_MS && performance.now() - since < SCROLL_WAIT_MS) {
        await pause(SCROLL_REST_MS);
      }
    };
    /** Takes in one part: decoded in tasks of about TASK_MS, then loaded into the store (and drawn). */
    const takePart = async (pane: StoryView["panes"][number], packed: PackedSpans) => {
      await painted;
      await still();
      const spans: SpanDTO[] = [];
      let yieldAt = performance.now() + TASK_MS;
      for (const slice of unpackSlices(packed, pane.id, pane.text, SLICE)) {
        if (signal.aborted) return;
        spans.push(...slice);
        if (performance.now() < yieldAt) continue;
        await pause(0);
        await still();
        yieldAt = performance.now() + TASK_MS;
      }
      await still();
      if (signal.aborted || !spans.length) return;
      store.load(spans);
      await pause(0);
    };
    const fetchPane = async (pane: StoryView["panes"][number]) => {
      for (let attempt = 0; ; attempt++) {
        try {
          // Parts already taken in are taken again after a retry: the store keeps what it has.
          return await annotationApi.laterSpans(
            pane.id,
            pane.headEnd!,
            pane.revision,
            (part) => takePart(pane, part),
            signal,
          );
        } catch (error) {
          const retry = RETRY_MS[attempt];
          const lasting = error instanceof ApiError && error.status >= 400 && error.status < 500;
          if (signal.aborted || lasting || retry === undefined) throw error;
          await pause(retry);
        }
      }
    };
    // Asked for at once (the server reads them while the first screen is painted), taken in after it.
    const loading = long.map((pane) =>
      fetchPane(pane).catch((error: unknown) => {
        if (signal.aborted) return;
        onProblem(
          error instanceof ApiError && error.code === "REVISION_CHANGED"
            ? `The ${pane.language} version was revised by another editor: reload to read the new text.`
            : `The ${pane.language} version's annotations past the first screens could not be loaded ` +
                `(${error instanceof Error ? error.message : String(error)}). Reload to try again.`,
        );
      }),
    );
    void Promise.all(loading).then(() => {
      if (!signal.aborted) onComplete();
    });
    return () => abort.abort();
  }, [store, panes, onProblem, onComplete]);
}
