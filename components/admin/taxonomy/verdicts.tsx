"use client";

import {
  archiveVerdictAction,
  createVerdictAction,
  deleteVerdictAction,
  moveVerdictAction,
  restoreVerdictAction,
  updateVerdictAction,
} from "@/app/(app)/admin/verdicts/actions";
import type { VerdictAdminRow } from "@/lib/taxonomy/verdicts";
import type { TaxonomyKind } from "./kind";
import { ColourField, Field, KeyAndName, inputClass } from "./ui";

export type VerdictFields = { key: string; name: string; value: string; color: string; description: string };

/** Verdicts: the rating scale of fact-checked claims, worst first. */
export const VERDICTS: TaxonomyKind<VerdictAdminRow, VerdictFields> = {
  noun: "verdict",
  heading: "Verdict",
  describe: (v) => (v.description ? <span className="block text-xs text-stone-500">{v.description}</span> : null),
  columns: [
    { heading: "Key", cell: (v) => v.key, className: "font-mono text-xs" },
    { heading: "Value", cell: (v) => v.value, className: "tabular-nums" },
  ],
  inUse: (v) => v.usage.claims > 0,
  usage: (v) => (v.usage.claims ? `${v.usage.claims} claim${v.usage.claims === 1 ? "" : "s"}` : "unused"),
  read: (data) => {
    const text = (name: string) => String(data.get(name) ?? "");
    return {
      key: text("key"),
      name: text("name"),
      value: text("value"),
      color: text("color"),
      description: text("description"),
    };
  },
  fields: (initial, used) => (
    <>
      <KeyAndName initial={initial} used={used} example="SATIRE" />
      <Field label="Value" hint="1 = worst">
        {(control) => (
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
        )}
      </Field>
      <ColourField value={initial?.color ?? "#ca8a04"} />
      <Field label="Description">
        {(control) => (
          <input {...control} name="description" defaultValue={initial?.description ?? ""} className={inputClass} />
        )}
      </Field>
    </>
  ),
  actions: {
    create: (fields) => createVerdictAction(fields),
    update: (id, fields) => updateVerdictAction({ id, ...fields }),
    move: (id, direction) => moveVerdictAction({ id, direction }),
    archive: (id) => archiveVerdictAction({ id }),
    restore: (id) => restoreVerdictAction({ id }),
    remove: (id) => deleteVerdictAction({ id }),
  },
};
