"use client";

import { useState, type FormEvent } from "react";
import {
  archiveLabelAction,
  createLabelAction,
  deleteLabelAction,
  moveLabelAction,
  restoreLabelAction,
  updateLabelAction,
} from "@/app/(app)/admin/labels/actions";
import type { LabelAdminRow } from "@/lib/taxonomy/labels";
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

type LabelFields = { key: string; name: string; kind: "ENTITY" | "CLAIM"; color: string; shortcut: string };

function fieldsOf(form: HTMLFormElement): LabelFields {
  const data = new FormData(form);
  return {
    key: String(data.get("key") ?? ""),
    name: String(data.get("name") ?? ""),
    kind: data.get("kind") === "CLAIM" ? "CLAIM" : "ENTITY",
    color: String(data.get("color") ?? ""),
    shortcut: String(data.get("shortcut") ?? ""),
  };
}

function LabelForm({
  initial,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  initial?: LabelAdminRow;
  submitLabel: string;
  pending: boolean;
  onSubmit: (fields: LabelFields, form: HTMLFormElement) => void;
  onCancel?: () => void;
}) {
  const used = !!initial && initial.usage.spans + initial.usage.entities > 0;
  return (
    <form
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        onSubmit(fieldsOf(e.currentTarget), e.currentTarget);
      }}
      className="grid grid-cols-2 gap-3 sm:grid-cols-6 sm:items-end"
      aria-label={initial ? `Edit ${initial.name}` : "New label"}
    >
      <Field label="Key" hint={used ? "in use, fixed" : "e.g. PRODUCT"}>
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
      <Field label="Tags">
        {(control) => (
          <>
            <select
              {...control}
              name="kind"
              defaultValue={initial?.kind ?? "ENTITY"}
              disabled={used}
              className={inputClass}
            >
              <option value="ENTITY">entities</option>
              <option value="CLAIM">claims</option>
            </select>
            {used ? <input type="hidden" name="kind" value={initial!.kind} /> : null}
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
              defaultValue={initial?.color ?? "#64748b"}
              className={`${inputClass} h-9 p-1`}
            />
          </>
        )}
      </Field>
      <Field label="Shortcut" hint="one key">
        {(control) => (
          <>
            <input
              {...control}
              name="shortcut"
              defaultValue={initial?.shortcut ?? ""}
              maxLength={8}
              className={inputClass}
            />
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

export function LabelsAdmin({ labels }: { labels: LabelAdminRow[] }) {
  const { status, pending, run } = useActionRunner();
  const [editing, setEditing] = useState<string | null>(null);
  const active = labels.filter((l) => !l.archived);
  const archived = labels.filter((l) => l.archived);

  const usage = (l: LabelAdminRow) =>
    l.usage.spans + l.usage.entities === 0
      ? "unused"
      : [
          l.usage.spans ? `${l.usage.spans} span${l.usage.spans === 1 ? "" : "s"}` : "",
          l.usage.entities ? `${l.usage.entities} entit${l.usage.entities === 1 ? "y" : "ies"}` : "",
        ]
          .filter(Boolean)
          .join(" · ");

  const row = (l: LabelAdminRow, index: number, list: LabelAdminRow[]) => {
    const unused = l.usage.spans + l.usage.entities === 0;
    if (editing === l.id) {
      return (
        <tr key={l.id}>
          <td colSpan={6} className="bg-stone-50 px-3 py-3">
            <LabelForm
              initial={l}
              submitLabel="Save"
              pending={pending}
              onCancel={() => setEditing(null)}
              onSubmit={(fields) =>
                run(
                  () => updateLabelAction({ id: l.id, ...fields }),
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
      <tr key={l.id} className="border-t border-stone-200" data-testid={`label-${l.key}`}>
        <td className="px-3 py-2">
          <span className="flex items-center gap-2">
            <Swatch color={l.color} />
            <span className="font-medium">{l.name}</span>
          </span>
        </td>
        <td className="px-3 py-2 font-mono text-xs">{l.key}</td>
        <td className="px-3 py-2">{l.kind === "CLAIM" ? "claims" : "entities"}</td>
        <td className="px-3 py-2">
          {l.shortcut ? (
            <kbd className="rounded border border-stone-300 bg-stone-50 px-1.5 font-mono">{l.shortcut}</kbd>
          ) : (
            "—"
          )}
        </td>
        <td className="px-3 py-2 whitespace-nowrap text-stone-600">{usage(l)}</td>
        <td className="px-3 py-2">
          <ItemControls
            name={l.name}
            archived={l.archived}
            first={index === 0}
            last={index === list.length - 1}
            deleteWarning={unused ? `Delete the label ${l.name}? It is not used anywhere.` : null}
            pending={pending}
            run={run}
            onEdit={() => setEditing(l.id)}
            actions={{
              move: (direction) => moveLabelAction({ id: l.id, direction }),
              archive: () => archiveLabelAction({ id: l.id }),
              restore: () => restoreLabelAction({ id: l.id }),
              remove: () => deleteLabelAction({ id: l.id }),
            }}
          />
        </td>
      </tr>
    );
  };

  const table = (caption: string, list: LabelAdminRow[]) => (
    <ItemTable caption={caption} columns={["Label", "Key", "Tags", "Shortcut", "Used by"]}>
      {list.map(row)}
    </ItemTable>
  );

  return (
    <TaxonomyLayout
      status={status}
      newTitle="New label"
      form={
        <LabelForm
          submitLabel="Add label"
          pending={pending}
          onSubmit={(fields, form) =>
            run(
              () => createLabelAction(fields),
              `${fields.name} added.`,
              () => form.reset(),
            )
          }
        />
      }
      active={table("Active labels, in picker order", active)}
      archived={archived.length ? table("Archived labels", archived) : null}
    />
  );
}
