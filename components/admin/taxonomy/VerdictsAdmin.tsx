"use client";

import { useState, type FormEvent } from "react";
import {
  archiveVerdictAction,
  createVerdictAction,
  deleteVerdictAction,
  moveVerdictAction,
  restoreVerdictAction,
  updateVerdictAction,
} from "@/app/(app)/admin/verdicts/actions";
import type { VerdictAdminRow } from "@/lib/taxonomy/verdicts";
import { Field, StatusLine, Swatch, buttonClass, inputClass, primaryClass, useActionRunner } from "./ui";

type VerdictFields = { key: string; name: string; value: string; color: string; description: string };

function fieldsOf(form: HTMLFormElement): VerdictFields {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  return {
    key: text("key"),
    name: text("name"),
    value: text("value"),
    color: text("color"),
    description: text("description"),
  };
}

function VerdictForm({
  initial,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  initial?: VerdictAdminRow;
  submitLabel: string;
  pending: boolean;
  onSubmit: (fields: VerdictFields, form: HTMLFormElement) => void;
  onCancel?: () => void;
}) {
  const used = !!initial && initial.usage.claims > 0;
  return (
    <form
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        onSubmit(fieldsOf(e.currentTarget), e.currentTarget);
      }}
      className="grid grid-cols-2 gap-3 sm:grid-cols-6 sm:items-end"
      aria-label={initial ? `Edit ${initial.name}` : "New verdict"}
    >
      <Field label="Key" hint={used ? "in use, fixed" : "e.g. SATIRE"}>
        {(control) => (
          <>
            <input
              {...control}
              name="key"
              required
              defaultValue={initial?.key}
              readOnly={used}
              className={inputClass}
            />
          </>
        )}
      </Field>
      <Field label="Name">
        {(control) => (
          <>
            <input {...control} name="name" required defaultValue={initial?.name} className={inputClass} />
          </>
        )}
      </Field>
      <Field label="Value" hint="1 = worst">
        {(control) => (
          <>
            <input
              {...control}
              name="value"
              type="number"
              min={0}
              max={100}
              step={1}
              required
              defaultValue={initial?.value ?? 3}
              className={inputClass}
            />
          </>
        )}
      </Field>
      <Field label="Colour">
        {(control) => (
          <>
            <input
              {...control}
              name="color"
              type="color"
              defaultValue={initial?.color ?? "#ca8a04"}
              className={`${inputClass} h-9 p-1`}
            />
          </>
        )}
      </Field>
      <Field label="Description">
        {(control) => (
          <>
            <input {...control} name="description" defaultValue={initial?.description ?? ""} className={inputClass} />
          </>
        )}
      </Field>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={primaryClass}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} className={buttonClass}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

export function VerdictsAdmin({ verdicts }: { verdicts: VerdictAdminRow[] }) {
  const { status, pending, run } = useActionRunner();
  const [editing, setEditing] = useState<string | null>(null);
  const active = verdicts.filter((v) => !v.archived);
  const archived = verdicts.filter((v) => v.archived);

  const row = (v: VerdictAdminRow, index: number, list: VerdictAdminRow[]) => {
    if (editing === v.id) {
      return (
        <tr key={v.id}>
          <td colSpan={5} className="bg-stone-50 px-3 py-3">
            <VerdictForm
              initial={v}
              submitLabel="Save"
              pending={pending}
              onCancel={() => setEditing(null)}
              onSubmit={(fields) =>
                run(
                  () => updateVerdictAction({ id: v.id, ...fields }),
                  `${fields.name} saved.`,
                  () => setEditing(null),
                )
              }
            />
          </td>
        </tr>
      );
    }
    return (
      <tr key={v.id} className="border-t border-stone-200" data-testid={`verdict-${v.key}`}>
        <td className="px-3 py-2">
          <span className="flex items-center gap-2">
            <Swatch color={v.color} />
            <span className="font-medium">{v.name}</span>
          </span>
          {v.description ? <span className="block text-xs text-stone-500">{v.description}</span> : null}
        </td>
        <td className="px-3 py-2 font-mono text-xs">{v.key}</td>
        <td className="px-3 py-2 tabular-nums">{v.value}</td>
        <td className="px-3 py-2 whitespace-nowrap text-stone-600">
          {v.usage.claims ? `${v.usage.claims} claim${v.usage.claims === 1 ? "" : "s"}` : "unused"}
        </td>
        <td className="px-3 py-2">
          <div className="flex justify-end gap-1.5 whitespace-nowrap">
            {!v.archived ? (
              <>
                <button
                  type="button"
                  className={buttonClass}
                  onClick={() => setEditing(v.id)}
                  aria-label={`Edit ${v.name}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className={buttonClass}
                  disabled={pending || index === 0}
                  aria-label={`Move ${v.name} up`}
                  onClick={() => run(() => moveVerdictAction({ id: v.id, direction: "up" }), `${v.name} moved up.`)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className={buttonClass}
                  disabled={pending || index === list.length - 1}
                  aria-label={`Move ${v.name} down`}
                  onClick={() => run(() => moveVerdictAction({ id: v.id, direction: "down" }), `${v.name} moved down.`)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className={buttonClass}
                  disabled={pending}
                  aria-label={`Archive ${v.name}`}
                  onClick={() => run(() => archiveVerdictAction({ id: v.id }), `${v.name} archived.`)}
                >
                  Archive
                </button>
              </>
            ) : (
              <button
                type="button"
                className={buttonClass}
                disabled={pending}
                aria-label={`Restore ${v.name}`}
                onClick={() => run(() => restoreVerdictAction({ id: v.id }), `${v.name} restored.`)}
              >
                Restore
              </button>
            )}
            {v.usage.claims === 0 ? (
              <button
                type="button"
                className={`${buttonClass} text-red-700`}
                disabled={pending}
                aria-label={`Delete ${v.name}`}
                onClick={() => {
                  if (window.confirm(`Delete the verdict ${v.name}? No claim uses it.`)) {
                    void run(() => deleteVerdictAction({ id: v.id }), `${v.name} deleted.`);
                  }
                }}
              >
                Delete
              </button>
            ) : null}
          </div>
        </td>
      </tr>
    );
  };

  const table = (caption: string, list: VerdictAdminRow[]) => (
    <table className="w-full text-left text-sm">
      <caption className="mb-2 text-left text-lg font-medium">{caption}</caption>
      <thead className="text-xs tracking-wide text-stone-500 uppercase">
        <tr>
          <th className="px-3 py-2 font-medium">Verdict</th>
          <th className="px-3 py-2 font-medium">Key</th>
          <th className="px-3 py-2 font-medium">Value</th>
          <th className="px-3 py-2 font-medium whitespace-nowrap">Used by</th>
          <th className="px-3 py-2 text-right font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>{list.map(row)}</tbody>
    </table>
  );

  return (
    <div>
      <StatusLine status={status} />
      <section aria-labelledby="new-verdict" className="mb-8 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="new-verdict" className="mb-3 text-lg font-medium">
          New verdict
        </h2>
        <VerdictForm
          submitLabel="Add verdict"
          pending={pending}
          onSubmit={(fields, form) =>
            run(
              () => createVerdictAction(fields),
              `${fields.name} added.`,
              () => form.reset(),
            )
          }
        />
      </section>
      <section className="mb-8 rounded-lg border border-stone-200 bg-white p-4">
        {table("Active verdicts, in picker order", active)}
      </section>
      {archived.length ? (
        <section className="rounded-lg border border-stone-200 bg-white p-4">
          {table("Archived verdicts", archived)}
        </section>
      ) : null}
    </div>
  );
}
