"use client";

import { useState, type FormEvent } from "react";
import { ItemControls, ItemTable, Swatch, TaxonomyLayout, buttonClass, primaryClass, useActionRunner } from "./ui";
import type { TaxonomyKind, TaxonomyRow } from "./kind";
import { LABELS, type LabelFields } from "./labels";
import { VERDICTS, type VerdictFields } from "./verdicts";
import type { LabelAdminRow } from "@/lib/taxonomy/labels";
import type { VerdictAdminRow } from "@/lib/taxonomy/verdicts";

function ItemForm<Row extends TaxonomyRow, Fields>({
  kind,
  initial,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  kind: TaxonomyKind<Row, Fields>;
  initial?: Row;
  submitLabel: string;
  pending: boolean;
  onSubmit: (fields: Fields, form: HTMLFormElement) => void;
  onCancel?: () => void;
}) {
  return (
    <form
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        onSubmit(kind.read(new FormData(e.currentTarget)), e.currentTarget);
      }}
      className="grid grid-cols-2 gap-3 sm:grid-cols-6 sm:items-end"
      aria-label={initial ? `Edit ${initial.name}` : `New ${kind.noun}`}
    >
      {kind.fields(initial, !!initial && kind.inUse(initial))}
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

function ItemsAdmin<Row extends TaxonomyRow, Fields extends { name: string }>({
  kind,
  rows,
}: {
  kind: TaxonomyKind<Row, Fields>;
  rows: Row[];
}) {
  const { status, pending, run } = useActionRunner();
  const [editing, setEditing] = useState<string | null>(null);
  const span = kind.columns.length + 2;

  const row = (item: Row, index: number, list: Row[]) => {
    if (editing === item.id) {
      return (
        <tr key={item.id}>
          <td colSpan={span} className="bg-stone-50 px-3 py-3">
            <ItemForm
              kind={kind}
              initial={item}
              submitLabel="Save"
              pending={pending}
              onCancel={() => setEditing(null)}
              onSubmit={(fields) =>
                run(
                  () => kind.actions.update(item.id, fields),
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
      <tr key={item.id} className="border-t border-stone-200" data-testid={`${kind.noun}-${item.key}`}>
        <td className="px-3 py-2">
          <span className="flex items-center gap-2">
            <Swatch color={item.color} />
            <bdi className="font-medium">{item.name}</bdi>
          </span>
          {kind.describe?.(item)}
        </td>
        {kind.columns.map((column) => (
          <td key={column.heading} className={`px-3 py-2 ${column.className ?? ""}`}>
            {column.cell(item)}
          </td>
        ))}
        <td className="px-3 py-2 whitespace-nowrap text-stone-600">{kind.usage(item)}</td>
        <td className="px-3 py-2">
          <ItemControls
            name={item.name}
            archived={item.archived}
            first={index === 0}
            last={index === list.length - 1}
            deleteWarning={kind.inUse(item) ? null : `Delete the ${kind.noun} ${item.name}? Nothing uses it.`}
            pending={pending}
            run={run}
            onEdit={() => setEditing(item.id)}
            actions={{
              move: (direction) => kind.actions.move(item.id, direction),
              archive: () => kind.actions.archive(item.id),
              restore: () => kind.actions.restore(item.id),
              remove: () => kind.actions.remove(item.id),
            }}
          />
        </td>
      </tr>
    );
  };

  const table = (caption: string, list: Row[]) => (
    <ItemTable caption={caption} columns={[kind.heading, ...kind.columns.map((c) => c.heading), "Used by"]}>
      {list.map(row)}
    </ItemTable>
  );
  const active = rows.filter((r) => !r.archived);
  const archived = rows.filter((r) => r.archived);

  return (
    <TaxonomyLayout
      status={status}
      newTitle={`New ${kind.noun}`}
      form={
        <ItemForm
          kind={kind}
          submitLabel={`Add ${kind.noun}`}
          pending={pending}
          onSubmit={(fields, form) =>
            run(
              () => kind.actions.create(fields),
              `${fields.name} added.`,
              () => form.reset(),
            )
          }
        />
      }
      active={table(`Active ${kind.noun}s, in picker order`, active)}
      archived={archived.length ? table(`Archived ${kind.noun}s`, archived) : null}
    />
  );
}

/** The administration of labels or of verdicts: one component, the kind decides columns, fields and actions. */
export function TaxonomyAdmin(
  props: { kind: "labels"; rows: LabelAdminRow[] } | { kind: "verdicts"; rows: VerdictAdminRow[] },
) {
  return props.kind === "labels" ? (
    <ItemsAdmin<LabelAdminRow, LabelFields> kind={LABELS} rows={props.rows} />
  ) : (
    <ItemsAdmin<VerdictAdminRow, VerdictFields> kind={VERDICTS} rows={props.rows} />
  );
}
