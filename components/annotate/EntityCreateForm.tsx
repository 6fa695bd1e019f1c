"use client";
/**
 * EntityCreateForm — creates a canonical entity (POST /api/entities).
 *
 * Props:
 * - `labels`: the ENTITY labels (types) to choose from.
 * - `initialName`, `initialLabelId?`: prefilled canonical name and type.
 * - `alias?`: `{ language, alias }` offered as the entity's alias in the span's language (a checkbox, on by default).
 * - `onCreated(entity)`: the entity exists (created, or an existing one the editor chose to link instead).
 * - `onCancel()`: Esc or Cancel.
 *
 * A duplicate (same name and type, or same Wikidata QID) is not created
 * silently: the form says so and offers to link the existing entity or to
 * create another one anyway.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, annotationApi, errorMessage } from "@/lib/annotate-client/api";
import type { EntityDTO, LabelDTO } from "@/lib/annotate-client/types";
import { LabelledControl } from "@/components/ui/LabelledControl";
import { buttonClass, inputClass, primaryClass } from "./ui";
import { useSubmit } from "./use-submit";

export interface EntityCreateFormProps {
  labels: readonly LabelDTO[];
  initialName: string;
  initialLabelId?: string | null;
  alias?: { language: string; alias: string };
  onCreated: (entity: EntityDTO) => void;
  onCancel: () => void;
}

export function EntityCreateForm({
  labels,
  initialName,
  initialLabelId,
  alias,
  onCreated,
  onCancel,
}: EntityCreateFormProps) {
  const types = labels.filter((l) => l.kind === "ENTITY" && !l.archived);
  const [name, setName] = useState(initialName);
  const [labelId, setLabelId] = useState(
    initialLabelId && types.some((t) => t.id === initialLabelId) ? initialLabelId : (types[0]?.id ?? ""),
  );
  const [qid, setQid] = useState("");
  const [withAlias, setWithAlias] = useState(true);
  const { busy, error, run } = useSubmit();
  const [existing, setExisting] = useState<EntityDTO | null>(null);
  // The prefilled name is selected, so typing the canonical name replaces it.
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => nameInput.current?.select(), []);

  const submit = (allowDuplicate = false) =>
    run(
      async () => {
        const entity = await annotationApi.createEntity({
          name,
          labelId,
          wikidataQid: qid.trim() || null,
          aliases: alias && withAlias && alias.alias.trim() ? [alias] : [],
          allowDuplicate,
        });
        onCreated(entity);
      },
      (e) => {
        const dup = e instanceof ApiError ? (e.details as { entity?: EntityDTO } | undefined)?.entity : undefined;
        if (dup) setExisting(dup);
        return errorMessage(e);
      },
    );

  return (
    <form
      aria-label="New entity"
      className="space-y-2"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <LabelledControl label="Canonical name">
        {(control) => (
          <input
            {...control}
            ref={nameInput}
            autoFocus
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={inputClass}
          />
        )}
      </LabelledControl>
      <LabelledControl label="Type">
        {(control) => (
          <select {...control} value={labelId} onChange={(e) => setLabelId(e.target.value)} className={inputClass}>
            {types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.key})
              </option>
            ))}
          </select>
        )}
      </LabelledControl>
      <LabelledControl label="Wikidata QID" hint="optional, e.g. Q16955">
        {(control) => (
          <input
            {...control}
            value={qid}
            pattern="Q[1-9][0-9]*"
            onChange={(e) => setQid(e.target.value)}
            className={inputClass}
          />
        )}
      </LabelledControl>
      {alias ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={withAlias} onChange={(e) => setWithAlias(e.target.checked)} />
          Add alias “{alias.alias}” ({alias.language})
        </label>
      ) : null}
      {error ? (
        <div role="alert" className="rounded-md bg-red-50 px-2 py-1.5 text-red-800">
          <p>{error}</p>
          {existing ? (
            <div className="mt-1 flex gap-2">
              <button type="button" className={buttonClass} onClick={() => onCreated(existing)}>
                Link “<bdi>{existing.name}</bdi>”
              </button>
              <button type="button" className={buttonClass} disabled={busy} onClick={() => void submit(true)}>
                Create another anyway
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className={primaryClass} disabled={busy || !name.trim() || !labelId}>
          {busy ? "Creating…" : "Create and link"}
        </button>
        <button type="button" className={buttonClass} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
