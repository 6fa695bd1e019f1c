"use client";
/**
 * SuggestionsPanel — after an entity is linked, its other mentions in every
 * version of the story (GET /api/stories/{id}/suggestions?entityId=), each
 * accepted or rejected with one key.
 *
 * Props:
 * - `storyId`, `entity`: `{ id, name, labelId? }` of the entity just linked.
 * - `store`: accepting goes through it — a create with source SUGGESTION (the
 *   server records the quote as an alias), or, when the suggestion names an
 *   unlinked span on the same range, an update linking that span.
 * - `canReview`: rejecting needs annotation.review; without it only Accept shows.
 * - `onJump?(s)`: focus moved to a suggestion (show it in its pane).
 * - `onClose()`: Esc or the close button.
 *
 * Keys (lib/reader/keymap.ts, scope "suggestions"), on the focused
 * suggestion: A or Enter accepts, R or Delete rejects, ↑/↓ move, Esc closes.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { annotationApi, errorMessage } from "@/lib/annotate-client/api";
import type { AnnotationStore } from "@/lib/annotate-client";
import { commandFor } from "@/lib/reader/keymap";
import type { Suggestion } from "@/lib/annotate-client/types";
import { PanelHeader } from "./PanelHeader";
import { buttonClass, kbdClass, panelClass } from "./ui";
import { useRemote } from "./use-remote";

export interface SuggestionsPanelProps {
  storyId: string;
  entity: { id: string; name: string; labelId?: string };
  store: AnnotationStore;
  canReview: boolean;
  onJump?: (s: Suggestion) => void;
  onClose: () => void;
}

/** What accepting a suggestion does to the store (exported for tests and callers). */
export function acceptSuggestion(store: AnnotationStore, s: Suggestion, labelId?: string): string {
  if (s.spanId && store.getSpan(s.spanId)) {
    store.update(s.spanId, { entityId: s.entityId });
    return s.spanId;
  }
  return store.create({
    articleId: s.articleId,
    start: s.start,
    end: s.end,
    quote: s.quote,
    kind: "ENTITY",
    entityId: s.entityId,
    labelId: labelId ?? null,
    source: "SUGGESTION",
  });
}

/**
 * Pressing a row's button must not focus the row: focusing it jumps the reader to the mention,
 * which moves what is on screen between press and release, and the click is then lost.
 * The button acts on its own row whichever row has the focus.
 */
const keepFocus = (e: MouseEvent) => e.preventDefault();

export function SuggestionsPanel({ storyId, entity, store, canReview, onJump, onClose }: SuggestionsPanelProps) {
  const id = useId();
  const remote = useRemote(
    (signal) => annotationApi.suggestions(storyId, entity.id, signal),
    `${storyId}|${entity.id}`,
  );
  const [done, setDone] = useState<Record<string, "accepted" | "rejected">>({});
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const items = (remote.data ?? []).filter((s) => !done[s.id]);
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));
  const refs = useRef(new Map<string, HTMLLIElement>());
  const current = items[activeIndex];

  // Focus the first suggestion once they arrive, and the next one after each accept or reject
  // (unless the editor has moved focus elsewhere meanwhile).
  const section = useRef<HTMLElement>(null);
  const focusedOnce = useRef(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const focus = document.activeElement;
    const ours = !focus || focus === document.body || section.current?.contains(focus);
    if (!current) {
      // The last one is done: keep the keyboard in the panel (Esc or Enter closes it).
      if (focusedOnce.current && ours) closeButton.current?.focus();
      return;
    }
    const el = refs.current.get(current.id);
    if (el && (ours || !focusedOnce.current)) {
      // Scroll no further than needed: the list must not slide under a pointer about to click.
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "nearest" });
      focusedOnce.current = true;
    }
  }, [current]);

  const accept = (s: Suggestion) => {
    acceptSuggestion(store, s, entity.labelId);
    setDone((d) => ({ ...d, [s.id]: "accepted" }));
  };
  const reject = async (s: Suggestion) => {
    setDone((d) => ({ ...d, [s.id]: "rejected" }));
    try {
      await annotationApi.rejectSuggestion(storyId, s);
    } catch (e) {
      setDone(({ [s.id]: _gone, ...rest }) => rest);
      setError(errorMessage(e));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, s: Suggestion) => {
    const command = commandFor(e.nativeEvent, "suggestions");
    if (command === "suggestionAccept") accept(s);
    else if (command === "suggestionReject" && canReview) void reject(s);
    else if (command === "suggestionNext") {
      setActive(Math.min(items.length - 1, activeIndex + 1));
      const next = items[activeIndex + 1];
      if (next) onJump?.(next);
    } else if (command === "suggestionPrevious") {
      setActive(Math.max(0, activeIndex - 1));
      const prev = items[activeIndex - 1];
      if (prev) onJump?.(prev);
    } else if (command === "suggestionsClose") onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const accepted = Object.values(done).filter((d) => d === "accepted").length;
  return (
    <section
      ref={section}
      className={panelClass}
      aria-labelledby={`${id}-title`}
      data-testid="suggestions-panel"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !e.defaultPrevented) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <PanelHeader
        id={`${id}-title`}
        title={
          <>
            Other mentions of <bdi>{entity.name}</bdi>
          </>
        }
        onClose={onClose}
        closeLabel="Close suggestions"
        closeRef={closeButton}
      />
      <p className="mb-2 text-xs text-stone-500">
        <kbd className={kbdClass}>A</kbd> accept
        {canReview ? (
          <>
            , <kbd className={kbdClass}>R</kbd> reject
          </>
        ) : null}
        , <kbd className={kbdClass}>↑</kbd>
        <kbd className={kbdClass}>↓</kbd> move
      </p>
      {remote.error || error ? (
        <p role="alert" className="mb-2 rounded-md bg-red-50 px-2 py-1.5 text-red-800">
          {remote.error ?? error}
        </p>
      ) : null}
      {remote.loading && !remote.data ? <p className="text-stone-500">Looking for other mentions…</p> : null}
      <ul role="list" className="space-y-1" aria-label="Suggestions">
        {items.map((s, i) => (
          <li
            key={s.id}
            ref={(el) => {
              if (el) refs.current.set(s.id, el);
              else refs.current.delete(s.id);
            }}
            tabIndex={i === activeIndex ? 0 : -1}
            data-testid="suggestion"
            aria-label={`“${s.quote}” in ${s.language}: ${s.context ? `${s.context.before}${s.quote}${s.context.after}` : s.quote} (${s.reason}). A to accept${canReview ? ", R to reject" : ""}.`}
            onKeyDown={(e) => onKeyDown(e, s)}
            onFocus={() => {
              setActive(i);
              onJump?.(s);
            }}
            className={`flex items-center gap-2 rounded-md border px-2 py-1 ${i === activeIndex ? "border-blue-600 bg-blue-50" : "border-stone-200"}`}
          >
            <span className="w-8 shrink-0 font-mono text-xs uppercase text-stone-500">{s.language}</span>
            <span className="flex-1" data-testid="suggestion-context">
              <span lang={s.language} dir="auto" className="text-stone-600">
                {s.context?.before}
                <mark className="rounded bg-yellow-200 px-0.5 text-stone-950">{s.quote}</mark>
                {s.context?.after}
              </span>
              <span className="ml-1 text-xs text-stone-500">{s.reason}</span>
            </span>
            <button
              type="button"
              tabIndex={-1}
              className={buttonClass}
              onMouseDown={keepFocus}
              onClick={() => accept(s)}
            >
              Accept
            </button>
            {canReview ? (
              <button
                type="button"
                tabIndex={-1}
                className={buttonClass}
                onMouseDown={keepFocus}
                onClick={() => void reject(s)}
              >
                Reject
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {remote.data && items.length === 0 ? (
        <p role="status" className="text-stone-500">
          {accepted ? `Accepted ${accepted}. ` : ""}No other mention waiting.
        </p>
      ) : null}
    </section>
  );
}
