"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/http/action";
import { LabelledControl, type LabelledControlProps } from "@/components/ui/LabelledControl";

export const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm";
export const buttonClass =
  "rounded-md border border-stone-300 bg-white px-2.5 py-1 text-sm hover:bg-stone-50 disabled:cursor-not-allowed disabled:opacity-40";
export const primaryClass = "rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60";

/** A labelled control of the taxonomy and import forms. */
export function Field(props: Omit<LabelledControlProps, "className">) {
  return <LabelledControl className="block text-sm" {...props} />;
}

/** The key (fixed once in use) and name every taxonomy item has. */
export function KeyAndName({
  initial,
  used,
  example,
}: {
  initial: { key: string; name: string } | null | undefined;
  used: boolean;
  example: string;
}) {
  return (
    <>
      <Field label="Key" hint={used ? "in use, fixed" : `e.g. ${example}`}>
        {(control) => (
          <input {...control} name="key" required defaultValue={initial?.key} readOnly={used} className={inputClass} />
        )}
      </Field>
      <Field label="Name">
        {(control) => <input {...control} name="name" required defaultValue={initial?.name} className={inputClass} />}
      </Field>
    </>
  );
}

/** An item's colour (a swatch in lists and the reader). */
export function ColourField({ value }: { value: string }) {
  return (
    <Field label="Colour">
      {(control) => (
        <input {...control} name="color" type="color" defaultValue={value} className={`${inputClass} h-9 p-1`} />
      )}
    </Field>
  );
}

export type Status = { kind: "error" | "ok"; text: string } | null;

export function StatusLine({ status }: { status: Status }) {
  if (!status) return null;
  return (
    <p
      role={status.kind === "error" ? "alert" : "status"}
      className={`mb-4 rounded-md px-3 py-2 text-sm ${status.kind === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-900"}`}
    >
      {status.text}
    </p>
  );
}

/**
 * Runs a server action, shows its error or a confirmation, and refreshes the
 * page's server data on success.
 */
export function useActionRunner() {
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const run = <T,>(fn: () => Promise<ActionResult<T>>, done: string, after?: () => void) =>
    new Promise<boolean>((resolve) => {
      startTransition(async () => {
        const result = await fn();
        if (!result.ok) {
          setStatus({ kind: "error", text: result.error.message });
          resolve(false);
          return;
        }
        setStatus({ kind: "ok", text: done });
        after?.();
        router.refresh();
        resolve(true);
      });
    });
  return { status, setStatus, pending, run };
}

export function Swatch({ color }: { color: string }) {
  return (
    <span
      aria-hidden
      className="inline-block h-4 w-4 rounded-sm border border-stone-300"
      style={{ background: color }}
    />
  );
}

type Run = ReturnType<typeof useActionRunner>["run"];

/** Server actions shared by labels and verdicts, bound to one item. */
export interface ItemActions {
  move: (direction: "up" | "down") => Promise<ActionResult<unknown>>;
  archive: () => Promise<ActionResult<unknown>>;
  restore: () => Promise<ActionResult<unknown>>;
  remove: () => Promise<ActionResult<unknown>>;
}

/**
 * The row controls of a taxonomy item: edit, reorder, archive or restore, and
 * delete when nothing uses it (after a confirmation naming what is deleted).
 */
export function ItemControls({
  name,
  archived,
  first,
  last,
  deleteWarning,
  pending,
  run,
  onEdit,
  actions,
}: {
  name: string;
  archived: boolean;
  first: boolean;
  last: boolean;
  /** The confirmation shown before deleting; null when the item is in use and cannot be deleted. */
  deleteWarning: string | null;
  pending: boolean;
  run: Run;
  onEdit: () => void;
  actions: ItemActions;
}) {
  return (
    <div className="flex justify-end gap-1.5 whitespace-nowrap">
      {!archived ? (
        <>
          <button type="button" className={buttonClass} onClick={onEdit} aria-label={`Edit ${name}`}>
            Edit
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={pending || first}
            aria-label={`Move ${name} up`}
            onClick={() => run(() => actions.move("up"), `${name} moved up.`)}
          >
            ↑
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={pending || last}
            aria-label={`Move ${name} down`}
            onClick={() => run(() => actions.move("down"), `${name} moved down.`)}
          >
            ↓
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={pending}
            aria-label={`Archive ${name}`}
            onClick={() => run(actions.archive, `${name} archived.`)}
          >
            Archive
          </button>
        </>
      ) : (
        <button
          type="button"
          className={buttonClass}
          disabled={pending}
          aria-label={`Restore ${name}`}
          onClick={() => run(actions.restore, `${name} restored.`)}
        >
          Restore
        </button>
      )}
      {deleteWarning ? (
        <button
          type="button"
          className={`${buttonClass} text-red-700`}
          disabled={pending}
          aria-label={`Delete ${name}`}
          onClick={() => {
            if (window.confirm(deleteWarning)) void run(actions.remove, `${name} deleted.`);
          }}
        >
          Delete
        </button>
      ) : null}
    </div>
  );
}

/** A taxonomy table: caption, column headings and an unlabelled actions column. */
export function ItemTable({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-2 text-left text-lg font-medium">{caption}</caption>
      <thead className="text-xs tracking-wide text-stone-500 uppercase">
        <tr>
          {columns.map((column) => (
            <th key={column} className="px-3 py-2 font-medium whitespace-nowrap">
              {column}
            </th>
          ))}
          <th className="px-3 py-2 text-right font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** The admin page layout: status, the "new item" form, active and archived tables. */
export function TaxonomyLayout({
  status,
  newTitle,
  form,
  active,
  archived,
}: {
  status: Status;
  newTitle: string;
  form: ReactNode;
  active: ReactNode;
  archived: ReactNode | null;
}) {
  const headingId = useId();
  return (
    <div>
      <StatusLine status={status} />
      <section aria-labelledby={headingId} className="mb-8 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id={headingId} className="mb-3 text-lg font-medium">
          {newTitle}
        </h2>
        {form}
      </section>
      <section className="mb-8 rounded-lg border border-stone-200 bg-white p-4">{active}</section>
      {archived ? <section className="rounded-lg border border-stone-200 bg-white p-4">{archived}</section> : null}
    </div>
  );
}
