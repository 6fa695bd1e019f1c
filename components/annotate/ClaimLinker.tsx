"use client";
/**
 * ClaimLinker — links a claim span to a canonical claim: search the story's
 * claims (GET /api/claims?storyId=&q=) or create one.
 *
 * Props:
 * - `storyId`: the story (its claims are offered first; a new claim is attached to it).
 * - `quote`: the span's text (first search, and the new claim's statement).
 * - `language?`: the span's language (claimant search ranking).
 * - `verdicts`: the rating scale for a new claim.
 * - `onLink(claim)`: chosen or created. The caller applies it, e.g.
 *   `store.update(spanId, { claimId: claim.id })`.
 * - `onCancel()`.
 *
 * Keys: type to search, ↑/↓, Enter to choose; the last option creates a new claim; Esc cancels.
 */
import { useId, useState } from "react";
import { annotationApi } from "@/lib/annotate-client/api";
import type { ClaimDTO, VerdictDTO } from "@/lib/annotate-client/types";
import { ClaimCreateForm } from "./ClaimCreateForm";
import { inputClass, panelClass } from "./ui";
import { useDebounced } from "./use-debounced";
import { useRemote } from "./use-remote";
import { useCombobox } from "./use-combobox";
import { PanelHeader } from "./PanelHeader";
import { ListOption } from "./ListOption";

export interface ClaimLinkerProps {
  storyId: string;
  quote: string;
  language?: string;
  verdicts: readonly VerdictDTO[];
  onLink: (claim: ClaimDTO) => void;
  onCancel: () => void;
}

export function ClaimLinker({ storyId, quote, language, verdicts, onLink, onCancel }: ClaimLinkerProps) {
  const id = useId();
  const [creating, setCreating] = useState(false);
  // The story's claims are few: list them all, and search across stories when typing.
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim());
  const remote = useRemote(
    (signal) => annotationApi.searchClaims({ storyId, q: query, limit: 20 }, signal),
    `${storyId}|${query}`,
  );
  const claims = remote.data ?? [];
  // The last option, always there, creates a new claim.
  const combobox = useCombobox(id, claims.length + 1, {
    onChoose: (i) => (i < claims.length ? onLink(claims[i]!) : setCreating(true)),
    onCancel,
  });

  return (
    <section className={panelClass} aria-labelledby={`${id}-title`} data-testid="claim-linker">
      <PanelHeader id={`${id}-title`} title="Link to a claim" onClose={onCancel} />
      <p className="mb-2 line-clamp-3 text-stone-600">
        “<bdi>{quote}</bdi>”
      </p>
      {creating ? (
        <ClaimCreateForm
          storyId={storyId}
          initialStatement={q.trim() || quote}
          verdicts={verdicts}
          language={language}
          onCreated={onLink}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <>
          <label htmlFor={`${id}-input`} className="font-medium">
            Find a claim
          </label>
          <input
            id={`${id}-input`}
            autoFocus
            {...combobox.input}
            value={q}
            placeholder="The story’s claims, or type to search"
            onChange={(e) => {
              setQ(e.target.value);
              combobox.reset();
            }}
            className={inputClass}
          />
          <ul {...combobox.list} aria-label="Claims" className="mt-1 max-h-64 space-y-0.5 overflow-y-auto">
            {claims.map((claim, i) => (
              <ListOption key={claim.id} {...combobox.option(i)}>
                <bdi className="flex-1">{claim.statement}</bdi>
                {claim.verdict ? (
                  <span className="rounded px-1 text-xs text-white" style={{ backgroundColor: claim.verdict.color }}>
                    {claim.verdict.name}
                  </span>
                ) : null}
              </ListOption>
            ))}
            <ListOption {...combobox.option(claims.length)}>
              <span aria-hidden>＋</span> Create new claim
            </ListOption>
          </ul>
          <p className="mt-1 text-xs text-stone-500" aria-live="polite">
            {remote.error ? <span className="text-red-700">{remote.error}</span> : remote.loading ? "Searching…" : ""}
          </p>
        </>
      )}
    </section>
  );
}
