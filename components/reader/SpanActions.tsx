"use client";

import { ariaKeys } from "@/lib/reader/keymap";

const button = "rounded border border-stone-300 bg-white px-2 py-0.5 text-xs hover:bg-stone-100";

/** An editor's edits of the selected span that the reader owns: relabel (L) and delete (Delete; Ctrl+Z undoes). */
export function SpanActions({ onRelabel, onDelete }: { onRelabel: () => void; onDelete: () => void }) {
  return (
    <div role="toolbar" aria-label="Edit the selected span" className="flex gap-2">
      <button type="button" onClick={onRelabel} className={button} aria-keyshortcuts={ariaKeys("relabel")}>
        Relabel <kbd className="font-mono text-stone-500">L</kbd>
      </button>
      <button
        type="button"
        onClick={onDelete}
        className="rounded border border-red-300 bg-white px-2 py-0.5 text-xs text-red-700 hover:bg-red-50"
        aria-keyshortcuts={ariaKeys("deleteSpan")}
      >
        Delete span <kbd className="font-mono text-red-400">Del</kbd>
      </button>
    </div>
  );
}
