"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/http/action";
import { buttonClass, inputClass, primaryClass } from "@/components/export/ui";

/**
 * A name with a "Rename" button beside it (for those who may rename): the
 * button opens an inline field; saving calls `rename` and refreshes the page.
 */
export function RenameForm({
  id,
  name,
  what,
  rename,
  children,
}: {
  id: string;
  name: string;
  /** "story", "entity": in the button's accessible name and the field's label. */
  what: string;
  rename: (input: { id: string; name: string }) => Promise<ActionResult<unknown>>;
  /** How the name is shown while not editing. */
  children: ReactNode;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!editing)
    return (
      <div className="flex min-w-0 items-center gap-2">
        {children}
        <button
          type="button"
          className={buttonClass}
          aria-label={`Rename the ${what}`}
          onClick={() => {
            setValue(name);
            setError(null);
            setEditing(true);
          }}
        >
          Rename
        </button>
      </div>
    );
  return (
    <form
      className="flex min-w-0 flex-wrap items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        const result = await rename({ id, name: value });
        setBusy(false);
        if (!result.ok) return setError(result.error.message);
        setEditing(false);
        router.refresh();
      }}
    >
      <label className="min-w-0 flex-1 text-sm">
        <span className="text-stone-600">New name of the {what}</span>
        <input
          className={inputClass}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoFocus
          required
          maxLength={300}
          dir="auto"
        />
      </label>
      <button type="submit" className={primaryClass} disabled={busy}>
        {busy ? "Saving…" : "Save"}
      </button>
      <button type="button" className={buttonClass} onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}
