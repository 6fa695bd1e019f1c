"use client";

import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { AnnotationStore, describeEdit, type SpanDTO } from "@/lib/annotate-client";
import { useAnnotationStore } from "@/components/annotate/use-annotation-store";
import { AnnotationPanel } from "@/components/annotate/AnnotationPanel";
import { LabelPicker } from "@/components/annotate/LabelPicker";
import { EntityRetype } from "@/components/annotate/EntityRetype";
import { annotationApi } from "@/lib/annotate-client/api";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { formatLayout, MAX_PANES } from "@/lib/reader/layout";
import { storyHref } from "@/lib/reader/href";
import type { LabelDTO } from "@/lib/annotation/dto";
import { commandFor } from "@/lib/reader/keymap";
import { snapSelection, toSpanRange } from "@/lib/reader/selection";
import { decodeSpans } from "@/lib/reader/span-pack";
import type { PaneAlignment, StoryView } from "@/lib/reader/story-view";
import { OffsetIndex } from "@/lib/text/code-points";
import { useAfterPaintUpdate } from "@/components/ui/after-paint";
import { AlignmentEditor } from "./AlignmentEditor";
import { ArticlePicker } from "./ArticlePicker";
import { caretRange, moveCaret, paragraphAt, type Caret, type CaretMove } from "./caret";
import { selectionIn } from "./dom-offsets";
import { HelpDialog } from "./HelpDialog";
import { ReaderNotice, useNotice } from "./ReaderNotice";
import { SpanActions } from "./SpanActions";
import { ReaderPane } from "./ReaderPane";
import { ScrollSync, topParagraph } from "./scroll-sync";
import { LiveStatus } from "./LiveStatus";
import { presenceColor } from "./PresenceChips";
import { paneRange, quickPaint, quickPaintCss } from "./quick-paint";
import { FALLBACK_COLOR, spanColor } from "./render-spans";
import { useLaterSpans } from "./use-later-spans";
import { useLiveStory } from "./use-live-story";
import { RenameForm } from "@/components/ui/RenameForm";
import { renameStoryAction } from "@/app/(app)/stories/[key]/actions";
import { useWindowKeydown } from "@/components/ui/use-window-keydown";

const EMPTY: readonly SpanDTO[] = [];

/** At most this many of another editor's new spans at once are painted ahead of their render. */
const PAINT_AHEAD_MAX = 20;

/** A place to show once the layout that holds it is open (set by a jump that changes the layout). */
let pendingJump: { articleId: string; start: number; spanId?: string } | null = null;

type PanelTarget = { articleId: string; spanId?: string; start: number; end: number };

type Menu = { mode: "create"; pane: number; start: number; end: number } | { mode: "relabel"; spanId: string } | null;

interface Props {
  view: StoryView;
  user: { id: string; name: string };
  canAnnotate: boolean;
  canReview: boolean;
  canAlign: boolean;
  /** May change the story's title (its key stays). */
  canRename?: boolean;
  /** May assign the story's versions, read the annotators' agreement and curate (links to those pages). */
  canManage?: boolean;
  /** The change-feed cursor the page's data was read at (GET /api/stories/{id}/events?after=). */
  liveCursor: number;
}

/** The side-by-side reader and annotation workspace of one story. */
export function ReaderWorkspace(props: Props) {
  // A new layout is a new workspace (its own store and scroll sync).
  return <Workspace key={props.view.panes.map((p) => p.id).join(",")} {...props} />;
}

function Workspace({
  view,
  user,
  canAnnotate,
  canReview,
  canAlign,
  canRename = false,
  canManage = false,
  liveCursor,
}: Props) {
  const router = useRouter();
  const { panes } = view;
  const [store] = useState(
    () =>
      new AnnotationStore({
        spans: panes.flatMap((p) => decodeSpans(p.spans, p.id, p.text)),
        user,
        storage: canAnnotate ? undefined : null,
      }),
  );
  useEffect(() => () => store.dispose(), [store]);
  // Marks the workspace as hydrated and listening (tests and the reader benchmark wait for it).
  const root = useRef<HTMLElement>(null);
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  const [alignments, setAlignments] = useState(view.alignments);
  const sync = useMemo(
    () =>
      new ScrollSync(
        alignments,
        panes.map((p) => p.paragraphs.length),
      ),
    [alignments, panes],
  );
  useEffect(() => () => sync.dispose(), [sync]);
  const scrollers = useRef<(HTMLElement | null)[]>([]);
  const registerScroller = useCallback(
    (pane: number, el: HTMLElement | null) => {
      scrollers.current[pane] = el;
      sync.register(pane, el);
    },
    [sync],
  );

  const labels = useMemo(() => [...view.taxonomy.labels, ...view.taxonomy.archivedLabels], [view.taxonomy]);
  const colors = useMemo(() => new Map(labels.map((l) => [l.id, l.color])), [labels]);
  const indexes = useMemo(() => panes.map((p) => new OffsetIndex(p.text)), [panes]);
  const paragraphs16 = useMemo(
    () =>
      panes.map((p, k) =>
        p.paragraphs.map((q) => ({ start: indexes[k]!.toUtf16(q.start), end: indexes[k]!.toUtf16(q.end) })),
      ),
    [panes, indexes],
  );

  // The place a jump from another layout asked to show, when this layout holds it.
  const [jump] = useState(() =>
    pendingJump && panes.some((p) => p.id === pendingJump!.articleId) ? pendingJump : null,
  );
  const [active, setActive] = useState(() => (jump ? panes.findIndex((p) => p.id === jump.articleId) : 0));
  // The annotation panel as a sheet on narrow screens: open on request, and whenever it asks something.
  const [sheet, setSheet] = useState(false);
  const sheetId = useId();
  const [selected, setSelected] = useState<string | null>(jump?.spanId ?? null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [pending, setPending] = useState<{ pane: number; start: number; end: number } | null>(null);
  const [caret, setCaret] = useState<Caret | null>(null);
  const [menu, setMenu] = useState<Menu>(null);
  const [help, setHelp] = useState(false);
  const [aligning, setAligning] = useState(false);
  const [retype, setRetype] = useState<{ spanId: string; entityId: string; label: LabelDTO } | null>(null);
  const [notice, setNotice] = useNotice();
  // Marks the workspace once every span is in (the reader benchmark reads the tab's memory then).
  const spansComplete = useCallback(() => root.current?.setAttribute("data-spans", "complete"), []);
  useLaterSpans(store, panes, setNotice, spansComplete);

  const articleIds = useMemo(() => panes.map((p) => p.id), [panes]);
  const paneOfArticle = useCallback((articleId: string) => panes.findIndex((p) => p.id === articleId), [panes]);

  /** Paints UTF-16 range [start, end) of a pane at once; returns what removes it (once its segments are drawn). */
  const paintAhead = (pane: number, start: number, end: number, color: string, tagging: boolean): (() => void) => {
    const scroller = scrollers.current[pane];
    const range = scroller ? paneRange(scroller, paragraphs16[pane]!, start, end) : null;
    return scroller && range ? quickPaint(scroller, range, color, tagging) : () => {};
  };

  // A rename heard live, until the page's own data (a refresh) catches up with it.
  const [renamed, setRenamed] = useState<{ from: string; title: string } | null>(null);
  const storyTitle = renamed && renamed.from === view.story.title ? renamed.title : view.story.title;
  const live = useLiveStory({
    storyId: view.story.id,
    cursor: liveCursor,
    store,
    articleIds,
    activeArticleId: panes[active]?.id ?? null,
    selectedSpanId: selected,
    userId: user.id,
    onArticleRevised: (e) => {
      const pane = panes.find((p) => p.id === e.articleId);
      if (pane && e.version !== pane.revision)
        setNotice(`The ${pane.language} version was revised by another editor: reload to read the new text.`);
    },
    onStoryRenamed: (title) => setRenamed({ from: view.story.title, title }),
    paintAhead: (spans) => {
      // Another editor's new spans; a burst (a bulk change) is left to the render alone.
      const fresh = spans.filter((s) => !s.deletedAt && !s.orphaned && !store.getSpan(s.id));
      if (!fresh.length || fresh.length > PAINT_AHEAD_MAX) return null;
      const removers = fresh.flatMap((s) => {
        const pane = paneOfArticle(s.articleId);
        if (pane < 0) return [];
        const index = indexes[pane]!;
        return [paintAhead(pane, index.toUtf16(s.start), index.toUtf16(s.end), spanColor(colors, s), false)];
      });
      return () => removers.forEach((remove) => remove());
    },
  });

  const languages = useMemo(() => Object.fromEntries(view.versions.map((v) => [v.id, v.language])), [view.versions]);

  /** Brings a UTF-16 position of a pane into view (its paragraph, then the exact segment once drawn). */
  const reveal = useCallback(
    (pane: number, at: number, spanId?: string) => {
      const scroller = scrollers.current[pane];
      if (!scroller) return;
      sync.lead(pane);
      const p = paragraphAt(paragraphs16[pane]!, at);
      scroller.querySelector<HTMLElement>(`[data-p="${p}"]`)?.scrollIntoView({ block: "center" });
      requestAnimationFrame(() => {
        const target = spanId
          ? scroller.querySelector<HTMLElement>(`[data-s~="${spanId}"]`)
          : scroller.querySelector<HTMLElement>("[data-pending]");
        target?.scrollIntoView({ block: "nearest" });
      });
    },
    [paragraphs16, sync],
  );

  const selectSpan = useCallback(
    (span: SpanDTO | null, scroll = false) => {
      setSelected(span?.id ?? null);
      if (!span) return;
      const pane = paneOfArticle(span.articleId);
      if (pane >= 0) {
        setActive(pane);
        if (scroll) reveal(pane, indexes[pane]!.toUtf16(span.start), span.id);
      }
    },
    [indexes, paneOfArticle, reveal],
  );

  /** Shows a place of the story: in its pane, or opening its version in place of the last pane. */
  const jumpTo = (ref: { articleId: string; start: number; spanId?: string }) => {
    const pane = paneOfArticle(ref.articleId);
    if (pane < 0) {
      const open = panes.map((p) => p.id);
      const ids = open.length < MAX_PANES ? [...open, ref.articleId] : [...open.slice(0, -1), ref.articleId];
      // The new layout's workspace shows the place once its panes are drawn.
      pendingJump = ref;
      router.push(storyHref(view.story.key, formatLayout(ids, view.versions)), { scroll: false });
      return;
    }
    setActive(pane);
    if (ref.spanId) setSelected(ref.spanId);
    reveal(pane, indexes[pane]!.toUtf16(ref.start), ref.spanId);
  };

  // The panel keeps its props stable so that it does not re-render with the text (a tag, a caret move, a hover).
  const showInPanel = ({ articleId, spanId, start, end }: PanelTarget) => {
    // A place without a span (a suggestion): highlight it where it is.
    const pane = paneOfArticle(articleId);
    if (!spanId && pane >= 0)
      setPending({ pane, start: indexes[pane]!.toUtf16(start), end: indexes[pane]!.toUtf16(end) });
    jumpTo({ articleId, start, spanId });
  };
  const latestShow = useRef(showInPanel);
  useEffect(() => {
    latestShow.current = showInPanel;
  });
  const onShow = useCallback((target: PanelTarget) => latestShow.current(target), []);
  const liveStatus = useMemo(() => <LiveStatus state={live.state} />, [live.state]);

  // Focus goes back to a pane in the commit that closes the label menu, after the frame that shows the
  // edit (focus() forces a style update of its own).
  const [refocus, setRefocus] = useState<{ pane: number } | null>(null);
  useLayoutEffect(() => {
    if (refocus) scrollers.current[refocus.pane]?.focus({ preventScroll: true });
  }, [refocus]);

  const afterPaint = useAfterPaintUpdate();
  // A tag whose render waits for the frame that shows it: the label menu is still there meanwhile.
  const tagging = useRef(false);
  const createSpan = (label: LabelDTO, pane: number, start: number, end: number) => {
    if (tagging.current) return;
    tagging.current = true;
    // The key's frame paints the new highlight over the text and nothing else. The span, its
    // segments, closing the menu, the notice, the selection outline and the focus follow once that
    // frame is painted, or before the next key if that comes first, in one commit.
    const painted = paintAhead(pane, start, end, label.color, true);
    afterPaint(() => {
      tagging.current = false;
      const range = toSpanRange(indexes[pane]!, { start, end });
      const id = store.create({ articleId: panes[pane]!.id, ...range, kind: label.kind, labelId: label.id });
      painted();
      setPending(null);
      setCaret(null);
      setMenu(null);
      setSelected(id);
      setNotice(`Tagged “${range.quote}” as ${label.name}.`);
      setRefocus({ pane });
    });
  };

  const relabel = (label: LabelDTO, spanId: string) => {
    const span = store.getSpan(spanId);
    setMenu(null);
    if (!span) return;
    if (span.entityId && label.kind === "ENTITY" && label.id !== span.labelId) {
      // Its type is its entity's: ask whether the entity changes type or the span leaves it.
      setRetype({ spanId, entityId: span.entityId, label });
      return;
    }
    store.update(spanId, span.kind === label.kind ? { labelId: label.id } : { kind: label.kind, labelId: label.id });
    setNotice(`Relabelled “${span.quote}” as ${label.name}.`);
    scrollers.current[active]?.focus({ preventScroll: true });
  };

  /** Takes in the open articles' spans as the server has them now (after a change made there). */
  const reloadSpans = async () => {
    const lists = await Promise.all(panes.map((p) => annotationApi.articleSpans(p.id)));
    panes.forEach((p, k) => store.merge(p.id, lists[k]!));
  };

  const removeSpan = (spanId: string) => {
    const span = store.getSpan(spanId);
    if (!span) return;
    store.remove(spanId);
    setSelected(null);
    setNotice(`Deleted the span “${span.quote}”. Ctrl+Z brings it back.`);
  };

  // Mouse: a selection in a pane opens the label picker; a click on a span selects it.
  const onMouseUp = (e: React.MouseEvent) => {
    const scroller = (e.target as Element).closest<HTMLElement>("[data-scroller]");
    if (!scroller) return;
    const pane = Number(scroller.dataset.scroller);
    setActive(pane);
    const raw = selectionIn(scroller);
    if (raw && canAnnotate) {
      // Whole words unless Alt (⌥) is held: then exactly the characters selected.
      const range = snapSelection(panes[pane]!.text, raw.start, raw.end, {
        by: e.altKey ? "grapheme" : "word",
        locale: panes[pane]!.language,
      });
      window.getSelection()?.removeAllRanges();
      if (!range) return;
      setCaret(null);
      setPending({ pane, ...range });
      setMenu({ mode: "create", pane, ...range });
      return;
    }
    if (raw) return;
    const ids = (e.target as Element).closest<HTMLElement>("[data-s]")?.dataset.s?.split(" ");
    const span = ids?.length ? store.getSpan(ids[ids.length - 1]!) : undefined;
    selectSpan(span ?? null);
  };

  const onMouseOver = (e: React.MouseEvent) => {
    const ids = (e.target as Element).closest<HTMLElement>("[data-s]")?.dataset.s?.split(" ");
    setHovered(ids?.length ? ids[ids.length - 1]! : null);
  };

  const CARET_MOVES: Partial<Record<string, CaretMove>> = {
    caretLeft: "left",
    caretRight: "right",
    caretWordLeft: "wordLeft",
    caretWordRight: "wordRight",
    caretUp: "up",
    caretDown: "down",
    caretHome: "home",
    caretEnd: "end",
  };

  const handleCaretKey = (e: KeyboardEvent): boolean => {
    if (!caret) return false;
    const pane = panes[caret.pane]!;
    const command = commandFor(e, "caret");
    const move = command ? CARET_MOVES[command] : undefined;
    if (command === "caretLeave") {
      setCaret(null);
      setNotice(null);
    } else if (command === "caretTag") {
      const range = caretRange(pane.text, caret);
      setMenu({ mode: "create", pane: caret.pane, ...range });
    } else if (move) {
      const focus = moveCaret(pane.text, paragraphs16[caret.pane]!, caret.focus, move, pane.dir === "rtl");
      setCaret({ ...caret, focus, anchor: e.shiftKey ? caret.anchor : focus });
    } else return false;
    e.preventDefault();
    return true;
  };

  const labelName = (labelId: string | null) =>
    labels.find((l) => l.id === labelId)?.name ?? (labelId ? "an archived label" : "no label");

  const undoRedo = (direction: "undo" | "redo") => {
    const edits = direction === "undo" ? store.undo() : store.redo();
    setNotice(describeEdit(direction, edits, labelName));
    const span = edits?.[0]?.after ?? edits?.[0]?.before;
    if (edits && span) {
      const alive = direction === "undo" ? edits[0]!.before : edits[0]!.after;
      setSelected(alive && !alive.deletedAt ? span.id : null);
    }
  };

  // Keyboard shortcuts: lib/reader/keymap.ts (which the help dialog lists).
  useWindowKeydown((e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    if (
      target?.closest("input, textarea, select, [role=listbox], [role=combobox], dialog[open], [contenteditable=true]")
    )
      return;
    if (caret && handleCaretKey(e)) return;
    const command = commandFor(e, "reader");
    if (!command) return;
    const focusedPane = target?.closest<HTMLElement>("[data-scroller]");
    const pane = focusedPane ? Number(focusedPane.dataset.scroller) : active;
    switch (command) {
      case "undo":
      case "redo":
        if (!canAnnotate) return;
        undoRedo(command);
        break;
      case "help":
        setHelp(true);
        break;
      case "focusPane": {
        const k = Number(e.key) - 1;
        if (!(k < panes.length)) return;
        setActive(k);
        sync.lead(k);
        scrollers.current[k]?.focus();
        break;
      }
      case "clear":
        setSelected(null);
        setPending(null);
        setMenu(null);
        return; // Esc also closes other things (dialogs, panels): leave it to them too
      case "nextSpan":
      case "previousSpan": {
        if (!focusedPane) return;
        const spans = store.getSnapshot().spansByArticle[panes[pane]!.id] ?? EMPTY;
        if (!spans.length) break;
        const current = spans.findIndex((s) => s.id === selected);
        let next: number;
        if (current >= 0) next = (current + (command === "nextSpan" ? 1 : spans.length - 1)) % spans.length;
        else {
          // From the top of the pane's view.
          const top = topParagraph(focusedPane);
          const from = top ? indexes[pane]!.toCodePoint(paragraphs16[pane]![top.index]!.start) : 0;
          next = Math.max(
            0,
            spans.findIndex((s) => s.start >= from),
          );
        }
        selectSpan(spans[next]!, true);
        break;
      }
      case "caretMode": {
        if (!canAnnotate || !focusedPane) return;
        const top = topParagraph(focusedPane);
        const at = top ? paragraphs16[pane]![top.index]!.start : 0;
        setActive(pane);
        setCaret({ pane, anchor: at, focus: at });
        setNotice("Caret mode: arrows move, Shift extends, Enter tags, Esc leaves.");
        break;
      }
      case "deleteSpan":
        if (!canAnnotate || !selected) return;
        removeSpan(selected);
        break;
      case "relabel":
        if (!canAnnotate || !selected) return;
        setMenu({ mode: "relabel", spanId: selected });
        break;
      default:
        return; // linkEntity, linkClaim: the annotation panel's
    }
    e.preventDefault();
  });

  // A jump that opened this layout (a mention in a version that was not open): show it at once.
  const shown = useRef(false);
  useEffect(() => {
    if (!jump || shown.current) return;
    shown.current = true;
    pendingJump = null;
    const pane = paneOfArticle(jump.articleId);
    reveal(pane, indexes[pane]!.toUtf16(jump.start), jump.spanId);
  }, [jump, paneOfArticle, indexes, reveal]);

  // Keep the caret on screen.
  useEffect(() => {
    if (caret) reveal(caret.pane, caret.focus);
  }, [caret, reveal]);

  // One object per caret position, so a re-render for other reasons (hover) does not redraw the caret's paragraphs.
  const caretHighlight = useMemo(() => (caret ? caretRange(panes[caret.pane]!.text, caret) : null), [caret, panes]);
  const highlightOf = (pane: number) => {
    if (caret && caret.pane === pane) return caretHighlight;
    if (pending && pending.pane === pane) return pending;
    return null;
  };

  // Counterparts: the same entity or claim in every pane, for the hovered (else the selected) span.
  const focusSpan = (hovered && store.getSpan(hovered)) || (selected && store.getSpan(selected)) || null;
  const counterpartKey = focusSpan?.entityId
    ? `e:${focusSpan.entityId}`
    : focusSpan?.claimId
      ? `c:${focusSpan.claimId}`
      : null;
  const quickCss = useMemo(() => quickPaintCss([...colors.values(), FALLBACK_COLOR]), [colors]);
  const css = [
    selected ? `[data-s~="${selected}"]{outline:2px solid #2563eb;outline-offset:1px}` : "",
    counterpartKey ? `[data-k~="${counterpartKey}"]{background-color:rgba(250,204,21,.55)!important}` : "",
    // A span another editor has selected (is editing): a subtle dashed outline in their colour.
    ...live.others
      .filter((p) => p.spanId && p.spanId !== selected && /^[0-9a-f-]{36}$/i.test(p.spanId))
      .map((p) => `[data-s~="${p.spanId}"]{outline:1px dashed ${presenceColor(p.userId)};outline-offset:2px}`),
  ].join("");

  // What a tag, a caret move or a hover does not change is kept as elements, so React skips it.
  const header = useMemo(
    () => (
      <div className="mb-3 flex flex-wrap items-center gap-3">
        {canRename ? (
          <RenameForm id={view.story.id} name={storyTitle} what="story" rename={renameStoryAction}>
            <h1 className="mr-2 text-xl font-semibold tracking-tight">{storyTitle}</h1>
          </RenameForm>
        ) : (
          <h1 className="mr-2 text-xl font-semibold tracking-tight">{storyTitle}</h1>
        )}
        <ArticlePicker
          storyKey={view.story.key}
          versions={view.versions}
          open={panes.map((p) => p.id)}
          overflow={view.overflow}
        />
        <div className="ml-auto flex flex-wrap items-center justify-end gap-2 text-sm">
          {canAnnotate ? null : <span className="text-stone-500">Read only</span>}
          {canManage ? (
            <nav aria-label="The story's team work" className="mr-2 flex gap-3">
              <Link href={`/stories/${encodeURIComponent(view.story.key)}/assignments`} className="hover:underline">
                Assignments
              </Link>
              <Link href={`/stories/${encodeURIComponent(view.story.key)}/agreement`} className="hover:underline">
                Agreement
              </Link>
              <Link
                href={`/stories/${encodeURIComponent(view.story.key)}/curate${panes[0] ? `?v=${panes[0].id}` : ""}`}
                className="hover:underline"
              >
                Curate
              </Link>
            </nav>
          ) : null}
          {canAlign && panes.length > 1 ? (
            <button
              type="button"
              onClick={() => setAligning((a) => !a)}
              aria-expanded={aligning}
              className="rounded-md border border-stone-300 bg-white px-3 py-1 hover:bg-stone-100"
            >
              Edit alignment
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => setHelp(true)}
            className="rounded-md border border-stone-300 bg-white px-3 py-1 hover:bg-stone-100"
            aria-keyshortcuts="?"
          >
            Shortcuts
          </button>
        </div>
      </div>
    ),
    [
      canRename,
      view.story.id,
      view.story.key,
      storyTitle,
      view.versions,
      view.overflow,
      panes,
      canAnnotate,
      canManage,
      canAlign,
      aligning,
    ],
  );
  const closeHelp = useCallback(() => setHelp(false), []);
  const helpDialog = useMemo(
    () => <HelpDialog open={help} onClose={closeHelp} canAnnotate={canAnnotate} />,
    [help, closeHelp, canAnnotate],
  );

  const gridCols = ["grid-cols-1", "md:grid-cols-2", "md:grid-cols-2 xl:grid-cols-3", "md:grid-cols-2 xl:grid-cols-4"][
    Math.max(0, panes.length - 1)
  ];
  const menuLabels = view.taxonomy.labels;
  const sheetOpen = sheet || menu !== null || retype !== null;

  return (
    <main ref={root} className="mx-auto max-w-[120rem] px-4 py-4" data-testid="reader">
      <style>{css}</style>
      <style>{quickCss}</style>
      {header}
      {aligning ? (
        <div className="mb-3">
          <AlignmentEditor
            panes={panes}
            alignments={alignments}
            onClose={() => setAligning(false)}
            onSaved={(next: PaneAlignment) =>
              setAlignments((all) => all.map((a) => (a.left === next.left && a.right === next.right ? next : a)))
            }
          />
        </div>
      ) : null}
      {panes.length > 1 ? (
        // Narrow screens show one language at a time: this picks which (the active pane).
        <div
          role="tablist"
          aria-label="Language shown"
          className="mb-2 flex gap-1 overflow-x-auto md:hidden"
          data-testid="pane-switcher"
        >
          {panes.map((article, k) => (
            <button
              key={article.id}
              type="button"
              role="tab"
              aria-selected={k === active}
              onClick={() => setActive(k)}
              className={`shrink-0 rounded-md border px-3 py-1 text-sm ${k === active ? "border-blue-600 bg-blue-50 font-medium" : "border-stone-300 bg-white"}`}
            >
              {article.language}
            </button>
          ))}
        </div>
      ) : null}
      <div className="flex flex-col gap-3 md:flex-row">
        <div
          className={`grid min-w-0 flex-1 gap-3 ${gridCols}`}
          onMouseUp={onMouseUp}
          onMouseOver={onMouseOver}
          onMouseLeave={() => setHovered(null)}
          onFocus={(e) => {
            const s = (e.target as Element).closest<HTMLElement>("[data-scroller]");
            if (s) setActive(Number(s.dataset.scroller));
          }}
        >
          {panes.map((article, k) => (
            <div key={article.id} className={k === active ? "min-w-0" : "hidden min-w-0 md:block"}>
              <PaneSlot
                store={store}
                pane={k}
                article={article}
                colors={colors}
                pending={highlightOf(k)}
                active={k === active}
                registerScroller={registerScroller}
                others={live.others}
              />
            </div>
          ))}
        </div>
        {/* Narrow screens: the panel is a sheet over the bottom of the text, opened by this button. */}
        <button
          type="button"
          onClick={() => setSheet(true)}
          aria-expanded={sheetOpen}
          aria-controls={`${sheetId}-panel`}
          className={`fixed bottom-4 right-4 z-30 rounded-full bg-stone-900 px-4 py-2 text-sm font-medium text-white shadow-lg md:hidden ${sheetOpen ? "hidden" : ""}`}
        >
          Annotations
        </button>
        <aside
          id={`${sheetId}-panel`}
          className={`${sheetOpen ? "fixed inset-x-0 bottom-0 z-40 max-h-[75vh] overflow-y-auto rounded-t-xl border-t border-stone-300 bg-stone-50 p-3 shadow-2xl" : "hidden"} space-y-3 md:static md:z-auto md:block md:max-h-none md:w-80 md:shrink-0 md:overflow-visible md:rounded-none md:border-0 md:bg-transparent md:p-0 md:shadow-none`}
          aria-label="Annotation"
          data-testid="annotation-sheet"
        >
          <div className="flex items-center justify-between md:hidden">
            <span className="text-sm font-medium">Annotations</span>
            <button
              type="button"
              onClick={() => setSheet(false)}
              className="rounded-md border border-stone-300 bg-white px-3 py-1 text-sm"
            >
              Close
            </button>
          </div>
          {menu ? (
            <div data-testid="label-menu" className="rounded-lg border border-stone-300 bg-white p-3 shadow-lg">
              <LabelPicker
                labels={menuLabels}
                title={
                  menu.mode === "create"
                    ? `Tag “${panes[menu.pane]!.text.slice(menu.start, menu.end)}” as…`
                    : `Relabel “${store.getSpan(menu.spanId)?.quote ?? ""}” as…`
                }
                current={menu.mode === "relabel" ? store.getSpan(menu.spanId)?.labelId : null}
                onPick={(label) =>
                  menu.mode === "create"
                    ? createSpan(label, menu.pane, menu.start, menu.end)
                    : relabel(label, menu.spanId)
                }
                onCancel={() => {
                  setMenu(null);
                  setPending(null);
                  scrollers.current[active]?.focus({ preventScroll: true });
                }}
              />
            </div>
          ) : null}
          {retype ? (
            <EntityRetype
              key={`${retype.spanId}:${retype.label.id}`}
              entityId={retype.entityId}
              quote={store.getSpan(retype.spanId)?.quote ?? ""}
              label={retype.label}
              labels={labels}
              onRetyped={() => {
                setRetype(null);
                setNotice(`Changed the entity's type to ${retype.label.name}, with all its mentions.`);
                void reloadSpans();
              }}
              onUnlink={() => {
                setRetype(null);
                store.update(retype.spanId, { entityId: null, labelId: retype.label.id });
                setNotice(`Unlinked and relabelled the span as ${retype.label.name}.`);
              }}
              onCancel={() => {
                setRetype(null);
                scrollers.current[active]?.focus({ preventScroll: true });
              }}
            />
          ) : null}
          {canAnnotate && selected ? (
            <SpanActions
              onRelabel={() => setMenu({ mode: "relabel", spanId: selected })}
              onDelete={() => removeSpan(selected)}
            />
          ) : null}
          <AnnotationPanel
            store={store}
            storyId={view.story.id}
            taxonomy={view.taxonomy}
            languages={languages}
            selectedSpanId={selected}
            canAnnotate={canAnnotate}
            canReview={canReview}
            articleIds={articleIds}
            onShow={onShow}
            liveStatus={liveStatus}
          />
        </aside>
      </div>
      <ReaderNotice notice={notice} />
      {helpDialog}
    </main>
  );
}

/** A pane subscribed to its own article's spans, so an edit re-renders only that pane. */
function PaneSlot({
  store,
  article,
  ...rest
}: { store: AnnotationStore; article: StoryView["panes"][number] } & Omit<
  React.ComponentProps<typeof ReaderPane>,
  "spans" | "article"
>) {
  const select = useCallback(
    (s: ReturnType<AnnotationStore["getSnapshot"]>) => s.spansByArticle[article.id] ?? EMPTY,
    [article.id],
  );
  const spans = useAnnotationStore(store, select);
  return <ReaderPane article={article} spans={spans} {...rest} />;
}
