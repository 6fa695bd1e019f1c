"use client";
/**
 * useLiveStory: the reader's live collaboration. It follows the story's
 * event stream (lib/live-client/connection.ts) and paints other editors'
 * changes into the AnnotationStore — spans in the open panes, and a refresh
 * of the sidebar for entities and claims — and keeps this tab's presence
 * (pane and selected span) known to the others.
 *
 * Changes never break a selection in progress: while the reader is dragging
 * a selection in a pane, arriving changes wait and are applied when the
 * mouse is released. The text itself never changes under the reader: a
 * revised article is announced, not swapped in.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useAfterPaintUpdate } from "@/components/ui/after-paint";
import type { AnnotationStore, SpanDTO } from "@/lib/annotate-client";
import type { StoryEvent } from "@/lib/live/events";
import { PRESENCE_HEARTBEAT_MS } from "@/lib/live/presence";
import { ApplyWindow } from "@/lib/live-client/apply-window";
import { LiveConnection, type LiveState, type PresencePerson } from "@/lib/live-client/connection";

export interface LiveStory {
  state: LiveState;
  /** Other tabs with the story open (not this one). */
  others: PresencePerson[];
}

function newTabId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `tab-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

/** Live changes arriving within this window after an apply are applied together (ApplyWindow). */
const APPLY_WINDOW_MS = 50;

/** Whether the reader is in the middle of selecting text in a pane. */
function selecting(pointerDown: boolean): boolean {
  if (pointerDown) return true;
  const selection = typeof document !== "undefined" ? document.getSelection() : null;
  if (!selection || selection.isCollapsed || !selection.anchorNode) return false;
  const anchor = selection.anchorNode instanceof Element ? selection.anchorNode : selection.anchorNode.parentElement;
  return !!anchor?.closest("[data-scroller]");
}

export function useLiveStory(options: {
  storyId: string;
  cursor: number;
  store: AnnotationStore;
  articleIds: readonly string[];
  activeArticleId: string | null;
  selectedSpanId: string | null;
  userId: string;
  onArticleRevised?(event: StoryEvent): void;
  /** Another editor (or this one, in another tab) renamed the story. */
  onStoryRenamed?(title: string): void;
  /**
   * Paints arriving spans at once, ahead of the render that draws them; returns what removes that
   * paint, or null when it painted nothing (the spans are then taken in at once).
   */
  paintAhead?(spans: readonly SpanDTO[]): (() => void) | null;
}): LiveStory {
  const { storyId, cursor, store } = options;
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const [tabId] = useState(newTabId);
  const [others, setOthers] = useState<PresencePerson[]>([]);

  // Changes waiting for a selection in progress to end, and how many applies wait for the frame that
  // shows a paint ahead (those that come after wait behind them, so changes are taken in in order).
  const [pending] = useState(() => ({ events: [] as StoryEvent[], pointerDown: false, held: 0 }));
  const later = useAfterPaintUpdate();
  // Takes in the waiting changes unless a selection is in progress; says whether it did.
  const apply = useRef<() => boolean>(() => false);
  useEffect(() => {
    apply.current = () => {
      if (!pending.events.length || selecting(pending.pointerDown)) return false;
      const events = pending.events;
      pending.events = [];
      const open = new Set(latest.current.articleIds);
      const spans: SpanDTO[] = [];
      let others = false;
      for (const e of events) {
        if (e.span && open.has(e.span.articleId)) spans.push(e.span);
        // Entity and claim changes, and spans of versions not open, only refresh the sidebar.
        else if (e.kind !== "story.renamed") others = true;
        if (e.kind === "article.revised" && e.articleId && open.has(e.articleId)) latest.current.onArticleRevised?.(e);
      }
      const painted = latest.current.paintAhead?.(spans) ?? null;
      const take = () => {
        store.applyRemote(spans, others);
        painted?.();
      };
      if (!painted && !pending.held) {
        take();
        return true;
      }
      // The frame that shows the paint is not made to wait for the render; that render replaces it
      // (or comes first when a key does, so the key acts on the spans it sees).
      pending.held++;
      later(() => {
        pending.held--;
        take();
      });
      return true;
    };
  }, [pending, store, later]);
  useEffect(() => {
    const down = (e: PointerEvent) => {
      pending.pointerDown = !!(e.target as Element | null)?.closest?.("[data-scroller]");
    };
    // After the reader's own mouseup handling (which turns a selection into a pending tag).
    const later = () => setTimeout(() => apply.current(), 0);
    const up = () => {
      pending.pointerDown = false;
      later();
    };
    const selection = () => {
      if (pending.events.length) later();
    };
    window.addEventListener("pointerdown", down, true);
    window.addEventListener("pointerup", up, true);
    document.addEventListener("selectionchange", selection);
    return () => {
      window.removeEventListener("pointerdown", down, true);
      window.removeEventListener("pointerup", up, true);
      document.removeEventListener("selectionchange", selection);
    };
  }, [pending]);

  const [connection] = useState(() => new LiveConnection({ storyId, cursor, tabId }));
  useEffect(() => {
    const applyWindow = new ApplyWindow(() => apply.current(), APPLY_WINDOW_MS);
    connection.start({
      onChanges: (events) => {
        // A title is not text being read or selected: it changes at once.
        for (const e of events)
          if (e.kind === "story.renamed" && e.story) latest.current.onStoryRenamed?.(e.story.title);
        pending.events.push(...events);
        applyWindow.notify();
      },
      onPresence: (people) => setOthers(people.filter((p) => p.tabId !== tabId && p.userId !== latest.current.userId)),
      onReset: () => window.location.reload(),
    });
    return () => {
      applyWindow.dispose();
      connection.stop();
    };
  }, [connection, pending, tabId]);

  const state = useSyncExternalStore(connection.subscribe, connection.getState, () => "connecting" as LiveState);
  const streamId = useSyncExternalStore(
    connection.subscribe,
    () => connection.streamId,
    () => null,
  );

  // Presence: on every change of pane or selection, every few seconds, and on every new stream (named in it).
  // Leaving: a beacon on pagehide, and the server ends the tab's presence when the stream it named ends.
  const { activeArticleId, selectedSpanId } = options;
  useEffect(() => {
    const send = (leave = false) => {
      const body = JSON.stringify({
        tabId,
        articleId: activeArticleId,
        spanId: selectedSpanId,
        streamId,
        leave,
      });
      if (leave && typeof navigator !== "undefined" && navigator.sendBeacon) {
        navigator.sendBeacon(`/api/stories/${storyId}/presence`, new Blob([body], { type: "application/json" }));
        return;
      }
      void fetch(`/api/stories/${storyId}/presence`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
        keepalive: leave,
      }).catch(() => {});
    };
    if (state !== "live") return;
    // After the next paint: a selection made by tagging must not wait for this request to start.
    let first = 0;
    const frame = requestAnimationFrame(() => (first = window.setTimeout(() => send(), 0)));
    const timer = setInterval(() => send(), PRESENCE_HEARTBEAT_MS);
    const leave = () => send(true);
    window.addEventListener("pagehide", leave);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(first);
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
    };
  }, [storyId, tabId, activeArticleId, selectedSpanId, state, streamId]);

  return { state, others };
}
