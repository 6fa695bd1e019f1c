import type { ReactNode } from "react";
import { buttonClass } from "@/components/export/ui";

/**
 * The amber box that asks before an irreversible action: the question,
 * the action's error if it failed, and the confirm and cancel buttons.
 */
export function ConfirmGroup({
  label,
  className,
  error,
  busy,
  confirm,
  confirming,
  onConfirm,
  onCancel,
  children,
}: {
  /** The group's accessible name. */
  label: string;
  /** Placement and text size, added to the amber box's own classes. */
  className: string;
  error: string | null;
  busy: boolean;
  /** The confirm button's text, and what it says while `busy`. */
  confirm: string;
  confirming: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** The question. */
  children: ReactNode;
}) {
  return (
    <div role="group" aria-label={label} className={`rounded-md border border-amber-300 bg-amber-50 p-3 ${className}`}>
      {children}
      {error ? (
        <p role="alert" className="mt-1 text-red-800">
          {error}
        </p>
      ) : null}
      <div className="mt-2 flex gap-2">
        <button type="button" className={buttonClass} disabled={busy} onClick={onConfirm}>
          {busy ? confirming : confirm}
        </button>
        <button type="button" className={buttonClass} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
