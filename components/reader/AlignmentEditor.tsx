"use client";

import { useMemo, useState, useTransition } from "react";
import { saveAlignmentAction } from "@/app/(app)/stories/[key]/actions";
import type { PaneAlignment, PaneArticle } from "@/lib/reader/story-view";
import { paneTitle } from "./ReaderPane";

type Beads = PaneAlignment["beads"];

function preview(article: PaneArticle, index: number): string {
  const p = article.paragraphs[index]!;
  const text = [...article.text].slice(p.start, Math.min(p.end, p.start + 60)).join("");
  return `${index + 1}. ${text}${p.end - p.start > 60 ? "…" : ""}`;
}

/**
 * An editor corrects which paragraph of one version goes with which of
 * another: for each paragraph on the left, its counterpart on the right (or
 * none). Saved as the whole alignment (lib/alignment saveAlignmentCorrection).
 */
export function AlignmentEditor({
  panes,
  alignments,
  onSaved,
  onClose,
}: {
  panes: readonly PaneArticle[];
  alignments: readonly PaneAlignment[];
  onSaved: (alignment: PaneAlignment) => void;
  onClose: () => void;
}) {
  const [pair, setPair] = useState(0);
  const alignment = alignments[pair];
  const left = alignment ? panes[alignment.left]! : null;
  const right = alignment ? panes[alignment.right]! : null;
  const initial = useMemo(() => counterparts(alignment?.beads ?? [], left?.paragraphs.length ?? 0), [alignment, left]);
  const [choice, setChoice] = useState<(number | null)[]>(initial);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, startSaving] = useTransition();
  if (!alignment || !left || !right) return <p className="text-sm text-stone-600">Open two versions to align them.</p>;

  const save = (pairs: [number | null, number | null][]) =>
    startSaving(async () => {
      const result = await saveAlignmentAction({ articleAId: left.id, articleBId: right.id, pairs });
      if (!result.ok) {
        setMessage({ ok: false, text: result.error.message });
        return;
      }
      const next = { ...alignment, beads: result.data.beads, corrected: result.data.corrected };
      onSaved(next);
      setChoice(counterparts(next.beads, left.paragraphs.length));
      setMessage({ ok: true, text: pairs.length ? "Alignment saved." : "Back to the automatic alignment." });
    });

  return (
    <section aria-labelledby="align-title" className="rounded-lg border border-stone-300 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="align-title" className="font-semibold">
          Paragraph alignment
        </h2>
        <label className="text-sm">
          Versions{" "}
          <select
            className="rounded-md border border-stone-300 px-2 py-1"
            value={pair}
            onChange={(e) => {
              const k = Number(e.target.value);
              setPair(k);
              const a = alignments[k]!;
              setChoice(counterparts(a.beads, panes[a.left]!.paragraphs.length));
              setMessage(null);
            }}
          >
            {alignments.map((a, k) => (
              <option key={k} value={k}>
                {panes[a.left]!.language} ↔ {panes[a.right]!.language}
              </option>
            ))}
          </select>
        </label>
        <span className="text-xs text-stone-500">{alignment.corrected ? "corrected by an editor" : "automatic"}</span>
        <button type="button" onClick={onClose} className="ml-auto text-sm text-stone-600 underline">
          Close
        </button>
      </div>
      <ol className="mt-3 max-h-80 space-y-1 overflow-y-auto text-sm" aria-label="Paragraph pairs">
        {left.paragraphs.map((_, i) => (
          <li key={i} className="grid grid-cols-2 items-center gap-2">
            <span lang={left.language} dir={left.dir} className="truncate" title={preview(left, i)}>
              {preview(left, i)}
            </span>
            <select
              aria-label={`Counterpart of paragraph ${i + 1} of ${paneTitle(left)} in ${right.language}`}
              className="min-w-0 rounded-md border border-stone-300 px-2 py-1"
              value={choice[i] ?? ""}
              onChange={(e) => {
                const next = [...choice];
                next[i] = e.target.value === "" ? null : Number(e.target.value);
                setChoice(next);
              }}
            >
              <option value="">— no counterpart —</option>
              {right.paragraphs.map((__, j) => (
                <option key={j} value={j}>
                  {preview(right, j)}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ol>
      <div className="mt-3 flex items-center gap-3">
        <button
          type="button"
          disabled={saving}
          onClick={() => save(choice.map((j, i): [number, number | null] => [i, j]))}
          className="rounded-md bg-stone-900 px-3 py-1.5 text-sm text-white hover:bg-stone-700 disabled:opacity-50"
        >
          {saving ? "Saving…" : "Save alignment"}
        </button>
        <button
          type="button"
          disabled={saving || !alignment.corrected}
          onClick={() => save([])}
          className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100 disabled:opacity-50"
        >
          Reset to automatic
        </button>
        {message ? (
          <p
            role={message.ok ? "status" : "alert"}
            className={`text-sm ${message.ok ? "text-green-700" : "text-red-700"}`}
          >
            {message.text}
          </p>
        ) : null}
      </div>
    </section>
  );
}

function counterparts(beads: Beads, n: number): (number | null)[] {
  const out: (number | null)[] = new Array(n).fill(null);
  for (const bead of beads) for (const i of bead.a) out[i] = bead.b[0] ?? null;
  return out;
}
