"use client";

import { useState } from "react";

/** A secret (token, one-time link) shown once, with a copy button. */
export function OneTimeSecret({
  label,
  value,
  note,
  onDismiss,
}: {
  label: string;
  value: string;
  note: string;
  onDismiss?: () => void;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-medium text-amber-950">{label}</p>
      <p className="mt-1 text-amber-900">{note}</p>
      <div className="mt-3 flex gap-2">
        <input
          readOnly
          value={value}
          aria-label={label}
          data-testid="one-time-secret"
          onFocus={(e) => e.currentTarget.select()}
          className="flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-xs"
        />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(value).catch(() => {});
            setCopied(true);
          }}
          className="rounded-md border border-amber-400 bg-white px-3 py-1 hover:bg-amber-100"
        >
          {copied ? "Copied" : "Copy"}
        </button>
        {onDismiss ? (
          <button type="button" onClick={onDismiss} className="rounded-md px-3 py-1 text-amber-900 hover:bg-amber-100">
            Done
          </button>
        ) : null}
      </div>
    </div>
  );
}
