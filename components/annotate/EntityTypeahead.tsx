"use client";
/**
 * EntityTypeahead — a combobox over GET /api/entities?q= (name and aliases,
 * accent- and case-insensitive, the story's entities first; a Wikidata QID
 * finds its entity).
 *
 * Props:
 * - `label`: accessible name of the input (e.g. "Find an entity").
 * - `initialQuery?`: starting text (e.g. the span's quote).
 * - `storyId?`, `language?`, `labelKey?`: passed to the search (ranking and type filter).
 * - `onChoose(entity)`: Enter or click on a result.
 * - `createLabel?`: when set, a last option "Create new entity “…”" calls `onCreate(query)`.
 * - `onCancel()`: Esc.
 * - `autoFocus?`: focus the input when shown, its prefilled text selected (typing replaces it).
 *
 * Keys: type to search, ↑/↓ to move, Enter to choose, Esc to cancel.
 */
import { useEffect, useId, useRef, useState } from "react";
import { annotationApi } from "@/lib/annotate-client/api";
import type { EntityDTO } from "@/lib/annotate-client/types";
import { inputClass } from "./ui";
import { useDebounced } from "./use-debounced";
import { useRemote } from "./use-remote";
import { useCombobox } from "./use-combobox";
import { ListOption } from "./ListOption";

export interface EntityTypeaheadProps {
  label: string;
  initialQuery?: string;
  storyId?: string;
  language?: string;
  labelKey?: string;
  onChoose: (entity: EntityDTO) => void;
  createLabel?: string;
  onCreate?: (query: string) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

export function EntityTypeahead({
  label,
  initialQuery = "",
  storyId,
  language,
  labelKey,
  onChoose,
  createLabel,
  onCreate,
  onCancel,
  autoFocus,
}: EntityTypeaheadProps) {
  const id = useId();
  const [q, setQ] = useState(initialQuery);
  const query = useDebounced(q.trim());
  const remote = useRemote(
    (signal) => annotationApi.searchEntities({ q: query, storyId, language, label: labelKey, limit: 10 }, signal),
    `${query}|${storyId}|${language}|${labelKey}`,
  );
  const results = remote.data ?? [];
  // A QID that found its entity is not a name to create.
  const qidFound = /^Q[1-9][0-9]*$/i.test(q.trim()) && results.some((e) => e.wikidataQid === q.trim().toUpperCase());
  const canCreate = Boolean(onCreate && q.trim()) && !qidFound;
  const combobox = useCombobox(id, results.length + (canCreate ? 1 : 0), {
    onChoose: (i) => {
      if (i < results.length) onChoose(results[i]!);
      else if (canCreate) onCreate!(q.trim());
    },
    onCancel,
  });
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.select();
  }, [autoFocus]);

  return (
    <div>
      <label htmlFor={`${id}-input`} className="font-medium">
        {label}
      </label>
      <input
        id={`${id}-input`}
        ref={input}
        autoFocus={autoFocus}
        {...combobox.input}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          combobox.reset();
        }}
        className={inputClass}
      />
      <ul {...combobox.list} aria-label={`${label}: results`} className="mt-1 max-h-64 space-y-0.5 overflow-y-auto">
        {results.map((entity, i) => (
          <ListOption key={entity.id} {...combobox.option(i)}>
            <span className="flex-1">
              <bdi className="font-medium">{entity.name}</bdi>
              {entity.aliases.length ? (
                <span className="ml-1 text-xs text-stone-500">
                  {entity.aliases
                    .slice(0, 4)
                    .map((a) => a.alias)
                    .join(" · ")}
                </span>
              ) : null}
            </span>
            <span className="rounded bg-stone-100 px-1 text-xs text-stone-600">{entity.labelKey}</span>
            {entity.wikidataQid ? <span className="text-xs text-stone-500">{entity.wikidataQid}</span> : null}
          </ListOption>
        ))}
        {canCreate ? (
          <ListOption {...combobox.option(results.length)}>
            <span aria-hidden>＋</span> {createLabel ?? "Create new entity"} “{q.trim()}”
          </ListOption>
        ) : null}
      </ul>
      <p className="mt-1 text-xs text-stone-500" aria-live="polite">
        {remote.error ? (
          <span className="text-red-700">{remote.error}</span>
        ) : remote.loading ? (
          "Searching…"
        ) : results.length ? (
          ""
        ) : query ? (
          "No entity matches yet."
        ) : (
          ""
        )}
      </p>
    </div>
  );
}
