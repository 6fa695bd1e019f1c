"use client";

import { useEffect, useRef } from "react";

export const SHORTCUTS: { keys: string; what: string; editors?: boolean }[] = [
  { keys: "1 – 4", what: "Focus pane 1 to 4 (then ↑ ↓ Page Up/Down scroll it; the others follow)" },
  { keys: "Tab", what: "Move between panes and controls" },
  { keys: "n / p", what: "Select the next / previous span in the focused pane" },
  { keys: "Esc", what: "Clear the selection, leave caret mode, close a menu" },
  { keys: "c", what: "Caret mode in the focused pane", editors: true },
  { keys: "← → (Shift to extend)", what: "Caret mode: move by character, Shift extends the selection", editors: true },
  { keys: "Ctrl+← →", what: "Caret mode: move by word", editors: true },
  { keys: "↑ ↓ / Home End", what: "Caret mode: previous / next paragraph, paragraph start / end", editors: true },
  { keys: "Enter", what: "Tag the selection (opens the label picker)", editors: true },
  { keys: "l", what: "Relabel the selected span", editors: true },
  {
    keys: "e",
    what: "Link the selected entity span to an entity (search by name and alias, or create one)",
    editors: true,
  },
  {
    keys: "k",
    what: "Link the selected claim span to a claim (search the story's claims, or create one)",
    editors: true,
  },
  { keys: "a / r", what: "Suggestions: accept / reject the focused mention (↑ ↓ move between them)", editors: true },
  { keys: "Delete", what: "Delete the selected span", editors: true },
  { keys: "Ctrl+Z / Ctrl+Shift+Z", what: "Undo / redo", editors: true },
  { keys: "?", what: "This list" },
];

export function HelpDialog({
  open,
  onClose,
  canAnnotate,
}: {
  open: boolean;
  onClose: () => void;
  canAnnotate: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="reader-help-title"
      className="m-auto max-w-lg rounded-lg border border-stone-300 p-6 shadow-xl backdrop:bg-stone-900/30"
    >
      <h2 id="reader-help-title" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <table className="mt-3 w-full text-sm" aria-label="Keyboard shortcuts">
        <tbody>
          {SHORTCUTS.filter((s) => canAnnotate || !s.editors).map((s) => (
            <tr key={s.keys} className="border-t border-stone-100">
              <th scope="row" className="py-1 pr-4 text-left font-mono font-normal whitespace-nowrap">
                {s.keys}
              </th>
              <td className="py-1">{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100">
          Close
        </button>
      </form>
    </dialog>
  );
}
