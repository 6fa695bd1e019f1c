"use client";
/**
 * AnnotationPanel — the annotation side panel of the story workspace, in one
 * piece so the reader only has to place it: conflicts, save state, the
 * selected span's links (entity or claim), suggestions after linking an
 * entity, the span's history, and the story sidebar.
 *
 * Props:
 * - `store`: the workspace's AnnotationStore.
 * - `storyId`.
 * - `taxonomy`: `{ labels, archivedLabels, verdicts }` (GET /api/taxonomy, or the page's copy).
 * - `languages`: articleId → BCP 47 language of every version of the story that may be open.
 * - `selectedSpanId`: the span the editor selected (or just created), or null. The panel lists every
 *   span covering its text (an ORG inside a CLAIM…), innermost first, each with its history.
 * - `canAnnotate`, `canReview`: what the editor may do (the server checks regardless).
 * - `onShow(target)`: bring `{ articleId, spanId?, start, end }` into view and select the span if given
 *   (sidebar entries, suggestions, conflicts).
 * - `articleIds?`: the articles open beside the panel; the sidebar's ↻ also reloads their spans
 *   (other editors' new, changed and deleted spans), not only the story's entities and claims.
 * - `showSaveStatus?` (default true), `showSidebar?` (default true).
 *
 * Keys (lib/reader/keymap.ts; when focus is not in a text field): E links the
 * selected ENTITY span to an entity, K the selected CLAIM span to a claim. The linkers and the
 * suggestions take the keyboard while open (see their files); Esc closes them.
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import type { AnnotationSnapshot, AnnotationStore } from "@/lib/annotate-client";
import { annotationApi, errorMessage } from "@/lib/annotate-client/api";
import { ariaKeys, commandFor } from "@/lib/reader/keymap";
import type { LabelDTO, SpanDTO, VerdictDTO } from "@/lib/annotate-client/types";
import { ClaimLinker } from "./ClaimLinker";
import { ConflictBanner } from "./ConflictBanner";
import { EntityLinker } from "./EntityLinker";
import { SaveStatus } from "./SaveStatus";
import { SpanInspector } from "./SpanInspector";
import { StorySidebar } from "./StorySidebar";
import { SuggestionsPanel } from "./SuggestionsPanel";
import { buttonClass, kbdClass, panelClass } from "./ui";
import { useAnnotationStore, useDeferredSnapshot } from "./use-annotation-store";
import { useRemote } from "./use-remote";
import { useWindowKeydown } from "@/components/ui/use-window-keydown";

export interface AnnotationPanelProps {
  store: AnnotationStore;
  storyId: string;
  taxonomy: { labels: readonly LabelDTO[]; archivedLabels?: readonly LabelDTO[]; verdicts: readonly VerdictDTO[] };
  languages: Readonly<Record<string, string>>;
  selectedSpanId: string | null;
  canAnnotate: boolean;
  canReview: boolean;
  onShow: (target: { articleId: string; spanId?: string; start: number; end: number }) => void;
  articleIds?: readonly string[];
  showSaveStatus?: boolean;
  /** Shown next to the save status (the reader's live connection). */
  liveStatus?: React.ReactNode;
  showSidebar?: boolean;
}

type Open =
  | { kind: "entity"; spanId: string }
  | { kind: "claim"; spanId: string }
  | { kind: "suggestions"; entity: { id: string; name: string; labelId: string } }
  | null;

const NONE: readonly SpanDTO[] = [];
const NO_ARTICLES: readonly string[] = [];

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest("input, textarea, select, [role=listbox], [role=combobox], dialog, [contenteditable=true]") !== null
  );
}

/**
 * The panel follows the reader by a frame: it takes the selected span and
 * the store's changes in a transition (useDeferredValue, a deferred store
 * subscription), so tagging, a remote span or a caret move paints the text
 * first and the panel re-renders after. Only the E and K keys read the
 * current selection at once.
 */
export function AnnotationPanel(props: AnnotationPanelProps) {
  const { store, selectedSpanId, canAnnotate } = props;
  const [open, setOpen] = useState<Open>(null);
  // Marks the panel as hydrated and listening (the e2e specs wait for it).
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  useWindowKeydown((e: KeyboardEvent) => {
    const selected = selectedSpanId ? store.getSpan(selectedSpanId) : undefined;
    if (isTextField(e.target) || !selected || !canAnnotate) return;
    const command = commandFor(e, "reader");
    if (command === "linkEntity" && selected.kind === "ENTITY") setOpen({ kind: "entity", spanId: selected.id });
    else if (command === "linkClaim" && selected.kind === "CLAIM") setOpen({ kind: "claim", spanId: selected.id });
    else return;
    e.preventDefault();
  });

  const deferredSelected = useDeferredValue(selectedSpanId);
  return (
    <div ref={root} className="space-y-3" data-testid="annotation-panel">
      <PanelBody {...props} selectedSpanId={deferredSelected} open={open} setOpen={setOpen} />
    </div>
  );
}

const PanelBody = memo(function PanelBody({
  store,
  storyId,
  taxonomy,
  languages,
  selectedSpanId,
  canAnnotate,
  canReview,
  onShow,
  articleIds = NO_ARTICLES,
  showSaveStatus = true,
  showSidebar = true,
  liveStatus,
  open,
  setOpen,
}: AnnotationPanelProps & { open: Open; setOpen: (open: Open) => void }) {
  const labels = useMemo(
    () => [...taxonomy.labels, ...(taxonomy.archivedLabels ?? [])],
    [taxonomy.labels, taxonomy.archivedLabels],
  );
  const snapshot = useDeferredSnapshot(store);
  const selected = useMemo((): SpanDTO | null => {
    if (!selectedSpanId) return null;
    for (const spans of Object.values(snapshot.spansByArticle)) {
      const found = spans.find((x) => x.id === selectedSpanId);
      if (found) return found;
    }
    return null;
  }, [snapshot.spansByArticle, selectedSpanId]);
  // Everything covering the selected span's text (nested and overlapping spans), innermost first.
  const articleSpans = selected ? (snapshot.spansByArticle[selected.articleId] ?? NONE) : NONE;
  const covering = useMemo(
    () => (selected ? articleSpans.filter((x) => x.start < selected.end && x.end > selected.start) : NONE),
    [articleSpans, selected],
  );
  // Saved edits of this editor's and other editors' changes arriving live both change the sidebar.
  const savedCount = `${snapshot.savedCount}.${snapshot.remoteCount}`;
  const pendingSpanIds = snapshot.pendingSpanIds;
  const story = useRemote((signal) => annotationApi.storyAnnotations(storyId, signal), `${storyId}|${savedCount}`);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const reloadStory = story.reload;
  const refresh = useCallback(async () => {
    reloadStory();
    setRefreshError(null);
    try {
      const lists = await Promise.all(articleIds.map((a) => annotationApi.articleSpans(a)));
      articleIds.forEach((a, k) => store.merge(a, lists[k]!));
    } catch (e) {
      setRefreshError(`Could not reload the spans: ${errorMessage(e)}`);
    }
  }, [articleIds, store, reloadStory]);
  const names = useMemo(
    () => ({
      entities: Object.fromEntries((story.data?.entities ?? []).map((e) => [e.id, e.name])),
      claims: Object.fromEntries((story.data?.claims ?? []).map((c) => [c.id, c.statement])),
    }),
    [story.data],
  );

  const linkEntity = (span: SpanDTO) =>
    canAnnotate && span.kind === "ENTITY" && setOpen({ kind: "entity", spanId: span.id });
  const linkClaim = (span: SpanDTO) =>
    canAnnotate && span.kind === "CLAIM" && setOpen({ kind: "claim", spanId: span.id });

  const linking = open && (open.kind === "entity" || open.kind === "claim") ? store.getSpan(open.spanId) : undefined;
  const close = () => setOpen(null);

  return (
    <>
      <ConflictBanner
        store={store}
        labels={labels}
        names={names}
        onShow={(c) => onShow({ articleId: c.articleId, spanId: c.spanId, start: c.theirs.start, end: c.theirs.end })}
      />
      {(showSaveStatus && canAnnotate) || liveStatus ? (
        <div className="flex items-start justify-between gap-3">
          {showSaveStatus && canAnnotate ? <SaveStatus store={store} /> : <span />}
          {liveStatus}
        </div>
      ) : null}

      {open?.kind === "entity" && linking ? (
        <EntityLinker
          quote={linking.quote}
          language={languages[linking.articleId] ?? "und"}
          storyId={storyId}
          labels={labels}
          labelId={linking.labelId}
          onCancel={close}
          onLink={(entity) => {
            store.update(linking.id, { entityId: entity.id, labelId: entity.labelId });
            setOpen({ kind: "suggestions", entity: { id: entity.id, name: entity.name, labelId: entity.labelId } });
          }}
        />
      ) : null}
      {open?.kind === "claim" && linking ? (
        <ClaimLinker
          storyId={storyId}
          quote={linking.quote}
          language={languages[linking.articleId]}
          verdicts={taxonomy.verdicts}
          onCancel={close}
          onLink={(claim) => {
            store.update(linking.id, { claimId: claim.id });
            close();
          }}
        />
      ) : null}
      {open?.kind === "suggestions" ? (
        // Suggestions are computed from saved spans: wait until the link is saved, then ask.
        <SuggestionsAfterSave
          store={store}
          storyId={storyId}
          entity={open.entity}
          canReview={canReview}
          onShow={onShow}
          onClose={close}
        />
      ) : null}

      {selected && !open ? (
        <section className={panelClass} aria-label="Selected span" data-testid="selected-span">
          <SpanInspector
            spans={covering.length ? covering : [selected]}
            labels={labels}
            names={names}
            pendingSpanIds={pendingSpanIds}
            selectedId={selected.id}
            onReview={canReview ? (span, status) => store.update(span.id, { reviewStatus: status }) : undefined}
            onSelect={
              covering.length > 1
                ? (span) => onShow({ articleId: span.articleId, spanId: span.id, start: span.start, end: span.end })
                : undefined
            }
          />
          {canAnnotate ? (
            <div className="mt-2 flex flex-wrap gap-2">
              {selected.kind === "ENTITY" ? (
                <button
                  type="button"
                  className={buttonClass}
                  onClick={() => linkEntity(selected)}
                  aria-keyshortcuts={ariaKeys("linkEntity")}
                >
                  {selected.entityId ? "Change entity" : "Link entity"} <kbd className={kbdClass}>E</kbd>
                </button>
              ) : (
                <button
                  type="button"
                  className={buttonClass}
                  onClick={() => linkClaim(selected)}
                  aria-keyshortcuts={ariaKeys("linkClaim")}
                >
                  {selected.claimId ? "Change claim" : "Link claim"} <kbd className={kbdClass}>K</kbd>
                </button>
              )}
              {selected.entityId ? (
                <button
                  type="button"
                  className={buttonClass}
                  onClick={() =>
                    setOpen({
                      kind: "suggestions",
                      entity: {
                        id: selected.entityId!,
                        name: names.entities[selected.entityId!] ?? selected.quote,
                        labelId: selected.labelId ?? "",
                      },
                    })
                  }
                >
                  Other mentions
                </button>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}

      {refreshError ? (
        <p role="alert" className="rounded-md bg-red-50 px-2 py-1.5 text-sm text-red-800">
          {refreshError}
        </p>
      ) : null}
      {showSidebar ? (
        <StorySidebar
          storyId={storyId}
          labels={labels}
          // Failed here, the sidebar asks itself and shows why it could not.
          annotations={story.data ?? (story.error ? undefined : null)}
          onRefresh={() => void refresh()}
          highlight={selected?.entityId ?? selected?.claimId ?? null}
          onJump={(ref) => onShow({ articleId: ref.articleId, spanId: ref.spanId, start: ref.start, end: ref.end })}
        />
      ) : null}
    </>
  );
});

/** The suggestions panel, opened once the entity link has reached the server. */
function SuggestionsAfterSave({
  store,
  storyId,
  entity,
  canReview,
  onShow,
  onClose,
}: {
  store: AnnotationStore;
  storyId: string;
  entity: { id: string; name: string; labelId: string };
  canReview: boolean;
  onShow: AnnotationPanelProps["onShow"];
  onClose: () => void;
}) {
  const pending = useAnnotationStore(
    store,
    useCallback((s: AnnotationSnapshot) => s.pending, []),
  );
  const [ready, setReady] = useState(pending === 0);
  if (pending === 0 && !ready) setReady(true); // once saved, stays open while accepting adds to the queue
  if (!ready) return <p className={panelClass}>Saving the link…</p>;
  return (
    <SuggestionsPanel
      storyId={storyId}
      entity={{ id: entity.id, name: entity.name, labelId: entity.labelId || undefined }}
      store={store}
      canReview={canReview}
      onJump={(s) => onShow({ articleId: s.articleId, spanId: s.spanId, start: s.start, end: s.end })}
      onClose={onClose}
    />
  );
}
