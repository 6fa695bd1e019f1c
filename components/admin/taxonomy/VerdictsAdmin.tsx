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
import {
  Field,
  ItemControls,
  ItemTable,
  TaxonomyLayout,
  Swatch,
  buttonClass,
  inputClass,
  primaryClass,
  useActionRunner,
} from "./ui";

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
          <ItemControls
            name={v.name}
            archived={v.archived}
            first={index === 0}
            last={index === list.length - 1}
            deleteWarning={v.usage.claims === 0 ? `Delete the verdict ${v.name}? No claim uses it.` : null}
            pending={pending}
            run={run}
            onEdit={() => setEditing(v.id)}
            actions={{
              move: (direction) => moveVerdictAction({ id: v.id, direction }),
              archive: () => archiveVerdictAction({ id: v.id }),
              restore: () => restoreVerdictAction({ id: v.id }),
              remove: () => deleteVerdictAction({ id: v.id }),
            }}
          />
        </td>
      </tr>
    );
  };

  const table = (caption: string, list: VerdictAdminRow[]) => (
    <ItemTable caption={caption} columns={["Verdict", "Key", "Value", "Used by"]}>
      {list.map(row)}
    </ItemTable>
  );

  return (
    <TaxonomyLayout
      status={status}
      newTitle="New verdict"
      form={
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
      }
      active={table("Active verdicts, in picker order", active)}
      archived={archived.length ? table("Archived verdicts", archived) : null}
    />
  );
}
