"use client";

import { useId, useState } from "react";
import { inputClass, panelClass, primaryClass } from "./ui";

/** Name (and describe) the current selection to freeze it as an immutable dataset snapshot. */
export function SnapshotForm({
  disabled,
  open,
  onCreate,
}: {
  disabled: boolean;
  open: boolean;
  onCreate: (name: string, description: string, agreement: boolean) => Promise<boolean>;
}) {
  const id = useId();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [agreement, setAgreement] = useState(false);
  const body = (
    <form
      aria-label="New dataset snapshot"
      className="mt-3 grid gap-3 text-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onCreate(name, description, agreement)) {
          setName("");
          setDescription("");
          setAgreement(false);
        }
      }}
    >
      <div>
        <label htmlFor={`${id}-name`} className="font-medium">
          Name
        </label>
        <input
          id={`${id}-name`}
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          className={inputClass}
          placeholder="e.g. Shore power claims, v1"
        />
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="font-medium">
          Description <span className="font-normal text-stone-500">(optional)</span>
        </label>
        <textarea
          id={`${id}-description`}
          rows={2}
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          className={inputClass}
        />
      </div>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-1"
          checked={agreement}
          onChange={(e) => setAgreement(e.currentTarget.checked)}
        />
        <span>
          Include the agreement report
          <span className="block text-stone-500">
            Inter-annotator agreement over the selected language versions that were annotated independently, frozen
            beside the file with its own SHA-256.
          </span>
        </span>
      </label>
      <button type="submit" className={primaryClass} disabled={disabled || !name.trim()}>
        Create snapshot
      </button>
    </form>
  );
  return (
    <section className={panelClass} aria-labelledby={`${id}-heading`} id="snapshot">
      <h2 id={`${id}-heading`} className="font-medium">
        Dataset snapshot
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Freeze this selection under a name: an immutable file with its SHA-256, to download again byte for byte and
        cite.
      </p>
      {open ? (
        body
      ) : (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm font-medium">Save as a snapshot…</summary>
          {body}
        </details>
      )}
    </section>
  );
}
