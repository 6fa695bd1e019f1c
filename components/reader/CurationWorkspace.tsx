"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { LabelDTO } from "@/lib/annotation/dto";
import type { CurationView } from "@/lib/curation/view";
import { nextDisagreement, type CurationUnit, type UnitSpan } from "@/lib/curation/units";
import { commandFor } from "@/lib/reader/keymap";
import { decodeSpans } from "@/lib/reader/span-pack";
import type { PaneAlignment } from "@/lib/reader/story-view";
import { OffsetIndex } from "@/lib/text/code-points";
import { graphemeBoundaries } from "@/lib/text/graphemes";
import { LabelPicker } from "@/components/annotate/LabelPicker";
import { paragraphAt } from "./caret";
import { HelpDialog } from "./HelpDialog";
import { ReaderNotice, useNotice } from "./ReaderNotice";
import { ReaderPane } from "./ReaderPane";
import { ScrollSync } from "./scroll-sync";
import { useWindowKeydown } from "@/components/ui/use-window-keydown";

type Editing = { stage: "whose" } | { stage: "label"; version: number; spanId: string } | null;
/** A curated span whose boundaries the curator is moving (code points), and where they were. */
type Adjusting = {
  spanId: string;
  start: number;
  end: number;
  from: { start: number; end: number };
  baseVersion: number;
};

const button = "rounded-md border border-stone-300 bg-white px-3 py-1 text-sm hover:bg-stone-100 disabled:opacity-50";

/**
 * Adjudication of one language version: each independent annotator's layer in
 * a pane of its own, the curated layer beside them, aligned paragraph by
 * paragraph (the text is the same). Places where the annotators disagree are
 * marked; the keyboard (lib/reader/keymap.ts, scope "curation") steps through
 * them and settles each: accept one annotator's version, edit it, or reject
 * all; `b` then moves the boundaries of the curated span one character at a
 * time (arrows: the start; Shift+arrows: the end; Enter saves). In review mode an annotator sees their own layer beside the curated
 * one, with what the curator did not take as they had it marked.
 */
export function CurationWorkspace({ view }: { view: CurationView }) {
  const router = useRouter();
  const { article, annotators, units, mode } = view;
  const curate = mode === "curate";
  const layers = useMemo(
    () => view.layers.map((packed) => decodeSpans(packed, article.id, article.text)),
    [view.layers, article.id, article.text],
  );
  const curated = useMemo(
    () => decodeSpans(view.curated, article.id, article.text),
    [view.curated, article.id, article.text],
  );
  const panes = annotators.length + 1;
  const labels = useMemo(() => [...view.taxonomy.labels, ...view.taxonomy.archivedLabels], [view.taxonomy]);
  const colors = useMemo(() => new Map(labels.map((l) => [l.id, l.color])), [labels]);
  const labelName = (id: string | null) => labels.find((l) => l.id === id)?.name ?? "no label";

  // The text is the same in every pane: each paragraph is aligned with itself.
  const sync = useMemo(() => {
    const beads = article.paragraphs.map((_, i) => ({ a: [i], b: [i], source: "auto" as const }));
    const alignments: PaneAlignment[] = [];
    for (let i = 0; i < panes; i++)
      for (let j = i + 1; j < panes; j++) alignments.push({ left: i, right: j, beads, corrected: false });
    return new ScrollSync(
      alignments,
      Array.from({ length: panes }, () => article.paragraphs.length),
    );
  }, [article.paragraphs, panes]);
  useEffect(() => () => sync.dispose(), [sync]);
  const scrollers = useRef<(HTMLElement | null)[]>([]);
  const registerScroller = useCallback(
    (pane: number, el: HTMLElement | null) => {
      scrollers.current[pane] = el;
      sync.register(pane, el);
    },
    [sync],
  );
  const root = useRef<HTMLElement>(null);
  useEffect(() => root.current?.setAttribute("data-ready", "true"), []);

  const index = useMemo(() => new OffsetIndex(article.text), [article.text]);
  const paragraphs16 = useMemo(
    () => article.paragraphs.map((p) => ({ start: index.toUtf16(p.start), end: index.toUtf16(p.end) })),
    [article.paragraphs, index],
  );

  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const current = currentKey ? units.findIndex((u) => u.key === currentKey) : -1;
  const unit: CurationUnit | null = current >= 0 ? units[current]! : null;
  const [editing, setEditing] = useState<Editing>(null);
  const [adjusting, setAdjusting] = useState<Adjusting | null>(null);
  // Grapheme boundaries of the text, found once the curator first moves a boundary.
  const boundaries = useRef<number[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useNotice();

  const show = (u: CurationUnit) => {
    const p = paragraphAt(paragraphs16, index.toUtf16(u.start));
    for (const scroller of scrollers.current)
      scroller?.querySelector<HTMLElement>(`[data-p="${p}"]`)?.scrollIntoView({ block: "center" });
  };

  const go = (direction: 1 | -1) => {
    const next = nextDisagreement(units, current, direction);
    if (next < 0) {
      setNotice("The annotators agree everywhere.");
      return;
    }
    setEditing(null);
    setAdjusting(null);
    setCurrentKey(units[next]!.key);
    show(units[next]!);
  };

  const post = async (body: Record<string, unknown>, done: string) => {
    setBusy(true);
    try {
      const res = await fetch(`/api/stories/${view.story.id}/curation`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await res.json().catch(() => null)) as { error?: { message: string } } | null;
      if (!res.ok) {
        setNotice(json?.error?.message ?? `The server refused (${res.status}).`);
        return;
      }
      setNotice(done);
      router.refresh();
    } finally {
      setBusy(false);
    }
  };

  const unitSpans = (u: CurationUnit) => u.versions.flatMap((v) => v.spans.map((s) => s.id));
  const quoteOf = (s: UnitSpan) => index.slice(s.start, s.end);

  const take = (k: number) => {
    if (!unit || busy) return;
    const version = unit.versions[k];
    if (!version) return;
    if (!version.spans.length) {
      setNotice(`${annotators[k]!.name} marked nothing here: x rejects every version.`);
      return;
    }
    void post(
      { action: "settle", articleId: article.id, spans: unitSpans(unit), take: version.spans.map((s) => s.id) },
      `Accepted ${annotators[k]!.name}’s version of “${quoteOf(version.spans[0]!)}”.`,
    );
  };

  const reject = () => {
    if (!unit || busy) return;
    void post(
      { action: "settle", articleId: article.id, spans: unitSpans(unit), reject: true },
      "Rejected every version here.",
    );
  };

  const startEdit = () => {
    if (!unit) return;
    const withSpans = unit.versions.map((v, k) => (v.spans.length ? k : -1)).filter((k) => k >= 0);
    if (withSpans.length === 1) {
      const k = withSpans[0]!;
      setEditing({ stage: "label", version: k, spanId: unit.versions[k]!.spans[0]!.id });
    } else setEditing({ stage: "whose" });
  };

  const edit = (label: LabelDTO) => {
    if (!unit || editing?.stage !== "label") return;
    const version = editing.version;
    setEditing(null);
    void post(
      {
        action: "settle",
        articleId: article.id,
        spans: unitSpans(unit),
        edit: { spanId: editing.spanId, labelId: label.id },
      },
      `Accepted ${annotators[version]!.name}’s version as ${label.name}.`,
    );
  };

  /** `b`: the place's curated span (again: the next one) gets boundaries the arrows move. */
  const startAdjust = () => {
    if (!unit) return;
    const targets = unit.curated;
    if (!targets.length) {
      setNotice("Nothing is curated here yet: accept a version first, then b moves its boundaries.");
      return;
    }
    const k = adjusting ? (targets.findIndex((t) => t.id === adjusting.spanId) + 1) % targets.length : 0;
    const span = curated.find((c) => c.id === targets[k]!.id);
    if (!span) return;
    setEditing(null);
    setAdjusting({
      spanId: span.id,
      start: span.start,
      end: span.end,
      from: { start: span.start, end: span.end },
      baseVersion: span.version,
    });
  };

  /** Moves one boundary by a character (a grapheme cluster), never past the other one or the text's ends. */
  const nudge = (edge: "start" | "end", forward: boolean) => {
    const marks = (boundaries.current ??= graphemeBoundaries(article.text));
    setAdjusting((a) => {
      if (!a) return a;
      const at = a[edge];
      let i = marks.indexOf(at);
      if (i < 0) i = marks.findIndex((m) => m > at) - (forward ? 1 : 0);
      const next = marks[i + (forward ? 1 : -1)];
      if (next === undefined) return a;
      const moved = { ...a, [edge]: next };
      return moved.start < moved.end ? moved : a;
    });
  };

  const saveAdjust = () => {
    if (!adjusting || busy) return;
    const a = adjusting;
    setAdjusting(null);
    if (a.start === a.from.start && a.end === a.from.end) {
      setNotice("The boundaries are as they were.");
      return;
    }
    void post(
      {
        action: "adjust",
        spanId: a.spanId,
        start: a.start,
        end: a.end,
        baseVersion: a.baseVersion,
        mutationId: crypto.randomUUID(),
      },
      `The curated span now reads “${index.slice(a.start, a.end)}”.`,
    );
  };

  const acceptAgreed = () => {
    if (busy) return;
    void post(
      { action: "accept-agreed", languages: [article.language] },
      "Accepted everything the annotators agree on.",
    );
  };

  useWindowKeydown((e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    if (
      target?.closest("input, textarea, select, [role=listbox], [role=combobox], dialog[open], [contenteditable=true]")
    )
      return;
    if (adjusting) {
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
        // Right-to-left text runs the other way on screen.
        const forward = (e.key === "ArrowRight") !== (article.dir === "rtl");
        nudge(e.shiftKey ? "end" : "start", forward);
      } else if (e.key === "Enter") saveAdjust();
      else if (e.key === "Escape") setAdjusting(null);
      else if (commandFor(e, "curation") !== "adjustBoundaries") return;
      else startAdjust();
      e.preventDefault();
      return;
    }
    const command = commandFor(e, "curation");
    if (!command) {
      if (e.key === "Escape" && editing) setEditing(null);
      return;
    }
    switch (command) {
      case "adjustBoundaries":
        if (!curate || !unit) return;
        startAdjust();
        break;
      case "curationHelp":
        setHelp(true);
        break;
      case "nextDisagreement":
      case "previousDisagreement":
        go(command === "nextDisagreement" ? 1 : -1);
        break;
      case "takeVersion": {
        if (!curate || !unit) return;
        const k = Number(e.key) - 1;
        if (editing?.stage === "whose") {
          const span = unit.versions[k]?.spans[0];
          if (span) setEditing({ stage: "label", version: k, spanId: span.id });
        } else take(k);
        break;
      }
      case "rejectAll":
        if (!curate || !unit) return;
        reject();
        break;
      case "editVersion":
        if (!curate || !unit) return;
        startEdit();
        break;
      case "acceptAgreed":
        if (!curate) return;
        acceptAgreed();
        break;
      default:
        return;
    }
    e.preventDefault();
  });

  const curatedShown = useMemo(
    () =>
      adjusting
        ? curated.map((s) =>
            s.id === adjusting.spanId
              ? { ...s, start: adjusting.start, end: adjusting.end, quote: index.slice(adjusting.start, adjusting.end) }
              : s,
          )
        : curated,
    [curated, adjusting, index],
  );
  const disagreements = units.filter((u) => !u.agreed);
  const open = disagreements.filter((u) => !u.settled);
  const agreedOpen = units.filter((u) => u.agreed && !u.settled).length;
  // Disagreements still open: dashed red; the current place: solid blue.
  const openSpans = open.flatMap((u) => u.versions.flatMap((v) => v.spans.map((s) => `[data-s~="${s.id}"]`)));
  const css = openSpans.length ? `${openSpans.join(",")}{outline:2px dashed #dc2626;outline-offset:1px}` : "";
  const currentCss = unit
    ? `${[...unit.versions.flatMap((v) => v.spans), ...unit.curated].map((s) => `[data-s~="${s.id}"]`).join(",")}{outline:2px solid #2563eb!important;outline-offset:1px}`
    : "";
  const reviewCss =
    mode === "review"
      ? layers[0]
          ?.filter((s) => s.reviewStatus === "REJECTED")
          .map((s) => `[data-s~="${s.id}"]`)
          .join(",")
      : "";

  const gridCols = ["grid-cols-1", "md:grid-cols-2", "md:grid-cols-2 xl:grid-cols-3", "md:grid-cols-2 xl:grid-cols-4"][
    Math.min(3, Math.max(0, panes - 1))
  ];
  const base = `/stories/${encodeURIComponent(view.story.key)}`;

  return (
    <main ref={root} className="mx-auto max-w-[120rem] px-4 py-4" data-testid="curation">
      <style>{`${css}${currentCss}${reviewCss ? `${reviewCss}{text-decoration:line-through;text-decoration-color:#b45309}` : ""}`}</style>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h1 className="mr-2 text-xl font-semibold tracking-tight">
          <Link href={`${base}?a=${article.id}`}>
            <bdi>{view.story.title}</bdi>
          </Link>
          <span className="text-stone-500"> · {curate ? "Curation" : "Your work and the curated result"}</span>
        </h1>
        <nav aria-label="Language versions" className="flex gap-1 text-sm">
          {view.versions.map((v) => (
            <Link
              key={v.id}
              href={`${base}/curate?v=${v.id}`}
              aria-current={v.id === article.id ? "page" : undefined}
              className={`rounded px-2 py-0.5 ${v.id === article.id ? "bg-stone-900 text-white" : "bg-stone-100"}`}
            >
              {v.language}
            </Link>
          ))}
        </nav>
        <p className="text-sm text-stone-600" data-testid="curation-summary">
          {units.length} places: {units.length - disagreements.length} agreed, {disagreements.length} disagreements (
          {open.length} open)
        </p>
        <div className="ml-auto flex items-center gap-2">
          {curate ? (
            <button
              type="button"
              className={button}
              onClick={acceptAgreed}
              disabled={busy || agreedOpen === 0}
              aria-keyshortcuts="Shift+A"
            >
              Accept all agreed ({agreedOpen})
            </button>
          ) : null}
          <button type="button" onClick={() => setHelp(true)} className={button} aria-keyshortcuts="?">
            Shortcuts
          </button>
        </div>
      </div>
      {annotators.length === 0 ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          No one annotates this version independently:{" "}
          <Link href={`${base}/assignments`} className="underline">
            assign it
          </Link>{" "}
          first.
        </p>
      ) : null}
      <div className="flex gap-3">
        <div className={`grid min-w-0 flex-1 gap-3 ${gridCols}`}>
          {annotators.map((a, k) => (
            <ReaderPane
              key={a.id}
              pane={k}
              article={article}
              spans={layers[k]!}
              colors={colors}
              pending={null}
              active={false}
              registerScroller={registerScroller}
              layer={curate ? `${k + 1} · ${a.name}` : `Your layer (${a.name})`}
            />
          ))}
          <ReaderPane
            pane={annotators.length}
            article={article}
            spans={curatedShown}
            colors={colors}
            pending={null}
            active={false}
            registerScroller={registerScroller}
            layer="Curated"
          />
        </div>
        <aside className="w-80 shrink-0 space-y-3" aria-label="Curation">
          {unit ? (
            <section
              data-testid="curation-unit"
              className="rounded-lg border border-stone-300 bg-white p-3 text-sm"
              aria-live="polite"
            >
              <h2 className="font-semibold">
                Place {current + 1} of {units.length}:{" "}
                <span data-testid="unit-state">
                  {unit.agreed ? "agreed" : "disagreement"}
                  {unit.rejected ? ", rejected" : unit.settled ? ", curated" : ", open"}
                </span>
              </h2>
              <ol className="mt-2 space-y-2">
                {unit.versions.map((v, k) => (
                  <li key={v.annotatorId} data-testid={`version-${k + 1}`}>
                    <div className="flex items-center justify-between gap-2">
                      <span>
                        <kbd className="rounded border border-stone-300 px-1 font-mono text-xs">{k + 1}</kbd>{" "}
                        <bdi>{annotators[k]!.name}</bdi>
                      </span>
                      {curate && v.spans.length ? (
                        <button type="button" className={button} disabled={busy} onClick={() => take(k)}>
                          Accept
                        </button>
                      ) : null}
                    </div>
                    <ul className="ml-6 text-stone-700">
                      {v.spans.length ? (
                        v.spans.map((s) => (
                          <li key={s.id}>
                            “{quoteOf(s)}” · {labelName(s.labelId)}
                            {s.reviewStatus === "APPROVED" ? " · accepted" : ""}
                            {s.reviewStatus === "REJECTED" ? " · not taken" : ""}
                          </li>
                        ))
                      ) : (
                        <li className="text-stone-500">nothing marked</li>
                      )}
                    </ul>
                  </li>
                ))}
              </ol>
              <div className="mt-3 border-t border-stone-200 pt-2" data-testid="unit-curated">
                <p className="font-medium">Curated</p>
                {unit.curated.length ? (
                  <ul className="text-stone-700">
                    {unit.curated.map((s) => {
                      const p = view.provenance[s.id];
                      return (
                        <li key={s.id}>
                          “<bdi>{quoteOf(s)}</bdi>” · {labelName(s.labelId)} — proposed by{" "}
                          <bdi>{p?.proposedBy ?? "the curator"}</bdi>, accepted by <bdi>{p?.acceptedBy ?? "—"}</bdi>
                          {p && !p.sourceSpanId ? " (edited)" : ""}
                        </li>
                      );
                    })}
                  </ul>
                ) : (
                  <p className="text-stone-500">{unit.rejected ? "rejected: nothing here" : "nothing yet"}</p>
                )}
              </div>
              {curate ? (
                <div className="mt-3 flex gap-2">
                  <button type="button" className={button} disabled={busy} onClick={reject} aria-keyshortcuts="X">
                    Reject all
                  </button>
                  <button type="button" className={button} disabled={busy} onClick={startEdit} aria-keyshortcuts="E">
                    Edit…
                  </button>
                  {unit.curated.length ? (
                    <button
                      type="button"
                      className={button}
                      disabled={busy}
                      onClick={startAdjust}
                      aria-keyshortcuts="B"
                    >
                      Boundaries…
                    </button>
                  ) : null}
                </div>
              ) : null}
              {adjusting ? (
                <div
                  data-testid="adjust-boundaries"
                  className="mt-3 rounded-md border border-blue-300 bg-blue-50 p-2"
                  role="group"
                  aria-label="Boundaries of the curated span"
                >
                  <p data-testid="adjust-quote" className="font-medium">
                    “{index.slice(adjusting.start, adjusting.end)}”
                  </p>
                  <p className="mt-1 text-xs text-stone-700">
                    <kbd>←</kbd> <kbd>→</kbd> move the start, <kbd>Shift</kbd>+<kbd>←</kbd> <kbd>→</kbd> the end, a
                    character at a time; <kbd>Enter</kbd> saves, <kbd>Esc</kbd> cancels.
                  </p>
                  <div className="mt-2 flex gap-2">
                    <button type="button" className={button} disabled={busy} onClick={saveAdjust}>
                      Save
                    </button>
                    <button type="button" className={button} onClick={() => setAdjusting(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              ) : null}
              {editing?.stage === "whose" ? (
                <p className="mt-2 text-stone-700" data-testid="edit-whose">
                  Whose version do you edit? Press 1 – {annotators.length}.
                </p>
              ) : null}
            </section>
          ) : (
            <p className="rounded-lg border border-stone-200 bg-white p-3 text-sm text-stone-600">
              Press <kbd>n</kbd> for the first disagreement, <kbd>?</kbd> for every key.
              {mode === "review" ? " Struck-through spans are those the curator did not take as you had them." : ""}
            </p>
          )}
          {editing?.stage === "label" ? (
            <div data-testid="label-menu" className="rounded-lg border border-stone-300 bg-white p-3 shadow-lg">
              <LabelPicker
                labels={view.taxonomy.labels}
                title={`Accept ${annotators[editing.version]!.name}’s version as…`}
                onPick={edit}
                onCancel={() => setEditing(null)}
              />
            </div>
          ) : null}
        </aside>
      </div>
      <ReaderNotice notice={notice} />
      <HelpDialog open={help} onClose={() => setHelp(false)} canAnnotate scopes={["curation", "picker"]} />
    </main>
  );
}
