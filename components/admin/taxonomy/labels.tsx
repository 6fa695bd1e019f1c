"use client";

import {
  archiveLabelAction,
  createLabelAction,
  deleteLabelAction,
  moveLabelAction,
  restoreLabelAction,
  updateLabelAction,
} from "@/app/(app)/admin/labels/actions";
import type { LabelAdminRow } from "@/lib/taxonomy/labels";
import type { TaxonomyKind } from "./kind";
import { ColourField, Field, KeyAndName, inputClass } from "./ui";

export type LabelFields = { key: string; name: string; kind: "ENTITY" | "CLAIM"; color: string; shortcut: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Labels: entity types and the claim label, each with a kind and a one-key shortcut. */
export const LABELS: TaxonomyKind<LabelAdminRow, LabelFields> = {
  noun: "label",
  heading: "Label",
  columns: [
    { heading: "Key", cell: (l) => l.key, className: "font-mono text-xs" },
    { heading: "Tags", cell: (l) => (l.kind === "CLAIM" ? "claims" : "entities") },
    {
      heading: "Shortcut",
      cell: (l) =>
        l.shortcut ? (
          <kbd className="rounded border border-stone-300 bg-stone-50 px-1.5 font-mono">{l.shortcut}</kbd>
        ) : (
          "—"
        ),
    },
  ],
  inUse: (l) => l.usage.spans + l.usage.entities > 0,
  usage: (l) =>
    [
      l.usage.spans ? plural(l.usage.spans, "span", "spans") : "",
      l.usage.entities ? plural(l.usage.entities, "entity", "entities") : "",
    ]
      .filter(Boolean)
      .join(" · ") || "unused",
  read: (data) => ({
    key: String(data.get("key") ?? ""),
    name: String(data.get("name") ?? ""),
    kind: data.get("kind") === "CLAIM" ? "CLAIM" : "ENTITY",
    color: String(data.get("color") ?? ""),
    shortcut: String(data.get("shortcut") ?? ""),
  }),
  fields: (initial, used) => (
    <>
      <KeyAndName initial={initial} used={used} example="PRODUCT" />
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
      <ColourField value={initial?.color ?? "#64748b"} />
      <Field label="Shortcut" hint="one key">
        {(control) => (
          <input
            {...control}
            name="shortcut"
            defaultValue={initial?.shortcut ?? ""}
            maxLength={8}
            className={inputClass}
          />
        )}
      </Field>
    </>
  ),
  actions: {
    create: (fields) => createLabelAction(fields),
    update: (id, fields) => updateLabelAction({ id, ...fields }),
    move: (id, direction) => moveLabelAction({ id, direction }),
    archive: (id) => archiveLabelAction({ id }),
    restore: (id) => restoreLabelAction({ id }),
    remove: (id) => deleteLabelAction({ id }),
  },
};
