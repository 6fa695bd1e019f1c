"use client";

import { useEffect, useRef } from "react";
import { helpSections, type KeyScope } from "@/lib/reader/keymap";

/** The `?` dialog: every key of the reader's keymap (lib/reader/keymap.ts), grouped by where it works. */
export function HelpDialog({
  open,
  onClose,
  canAnnotate,
  scopes,
}: {
  open: boolean;
  onClose: () => void;
  canAnnotate: boolean;
  /** The parts of the keymap to list (default: all). */
  scopes?: readonly KeyScope[];
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
      className="m-auto max-h-[90vh] max-w-lg rounded-lg border border-stone-300 p-6 shadow-xl backdrop:bg-stone-900/30"
    >
      <h2 id="reader-help-title" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      {helpSections(canAnnotate, scopes).map((section) => (
        <table
          key={section.scope}
          className="mt-3 w-full text-sm"
          aria-label={section.title}
          data-testid={`help-${section.scope}`}
        >
          <caption className="pb-1 text-left font-medium text-stone-700">{section.title}</caption>
          <tbody>
            {section.rows.map((s) => (
              <tr key={s.keys} className="border-t border-stone-100">
                <th scope="row" className="py-1 pr-4 text-left align-top font-mono font-normal whitespace-nowrap">
                  {s.keys}
                </th>
                <td className="py-1">{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100">
          Close
        </button>
      </form>
    </dialog>
  );
}
