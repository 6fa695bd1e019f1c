"use client";
/**
 * ClaimCreateForm — creates a canonical claim (POST /api/claims) attached to the story.
 *
 * Props:
 * - `storyId`: the story the claim belongs to.
 * - `initialStatement`: prefilled normalized statement (e.g. the span's quote).
 * - `verdicts`: the admin rating scale (GET /api/taxonomy `verdicts`).
 * - `language?`: ranks claimant entities named in this language.
 * - `onCreated(claim)`, `onCancel()`.
 *
 * Fields: statement, claimant (an entity, searched as you type), date,
 * verdict, editor's note, evidence URLs (one per line, http/https).
 * Ctrl+Enter (⌘+Enter) creates from any field; Esc cancels.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { annotationApi } from "@/lib/annotate-client/api";
import type { ClaimDTO, EntityDTO, VerdictDTO } from "@/lib/annotate-client/types";
import { LabelledControl } from "@/components/ui/LabelledControl";
import { EntityTypeahead } from "./EntityTypeahead";
import { buttonClass, inputClass, primaryClass } from "./ui";
import { useSubmit } from "./use-submit";

export interface ClaimCreateFormProps {
  storyId: string;
  initialStatement: string;
  verdicts: readonly VerdictDTO[];
  language?: string;
  onCreated: (claim: ClaimDTO) => void;
  onCancel: () => void;
}

export function ClaimCreateForm({
  storyId,
  initialStatement,
  verdicts,
  language,
  onCreated,
  onCancel,
}: ClaimCreateFormProps) {
  const [statement, setStatement] = useState(initialStatement);
  // The prefilled statement is selected, so typing replaces it.
  const statementInput = useRef<HTMLTextAreaElement>(null);
  useEffect(() => statementInput.current?.select(), []);
  const [claimant, setClaimant] = useState<EntityDTO | null>(null);
  const [date, setDate] = useState("");
  const [verdictId, setVerdictId] = useState("");
  const [note, setNote] = useState("");
  const [urls, setUrls] = useState("");
  const { busy, error, run } = useSubmit();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const claim = await annotationApi.createClaim({
        statement,
        storyId,
        claimantId: claimant?.id ?? null,
        claimDate: date || null,
        verdictId: verdictId || null,
        note: note.trim() || null,
        evidenceUrls: urls
          .split(/\s+/)
          .map((u) => u.trim())
          .filter(Boolean),
      });
      onCreated(claim);
    });
  };

  return (
    <form
      aria-label="New claim"
      className="space-y-2"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        } else if (e.key === "Escape" && !e.defaultPrevented) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <LabelledControl label="Normalized statement">
        {(control) => (
          <textarea
            {...control}
            ref={statementInput}
            autoFocus
            required
            rows={3}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
            className={inputClass}
          />
        )}
      </LabelledControl>
      {claimant ? (
        <p>
          <span className="font-medium">Claimant:</span> <bdi>{claimant.name}</bdi>{" "}
          <button type="button" className={buttonClass} onClick={() => setClaimant(null)}>
            Change
          </button>
        </p>
      ) : (
        <EntityTypeahead label="Claimant (optional)" language={language} storyId={storyId} onChoose={setClaimant} />
      )}
      <div className="grid grid-cols-2 gap-2">
        <LabelledControl label="Date">
          {(control) => (
            <input
              {...control}
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              className={inputClass}
            />
          )}
        </LabelledControl>
        <LabelledControl label="Verdict">
          {(control) => (
            <select
              {...control}
              value={verdictId}
              onChange={(e) => setVerdictId(e.target.value)}
              className={inputClass}
            >
              <option value="">Not rated</option>
              {verdicts
                .filter((v) => !v.archived)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
            </select>
          )}
        </LabelledControl>
      </div>
      <LabelledControl label="Editor’s note">
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            className={inputClass}
          />
        )}
      </LabelledControl>
      <LabelledControl label="Evidence URLs" hint="one per line">
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={urls}
            onChange={(e) => setUrls(e.target.value)}
            className={inputClass}
          />
        )}
      </LabelledControl>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-2 py-1.5 text-red-800">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button
          type="submit"
          className={primaryClass}
          disabled={busy || !statement.trim()}
          aria-keyshortcuts="Control+Enter"
        >
          {busy ? "Creating…" : "Create and link"}
        </button>
        <button type="button" className={buttonClass} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
