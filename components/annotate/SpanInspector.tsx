"use client";
/**
 * SpanInspector — what covers the text under the cursor (or the selected
 * span), innermost first, and each span's history on demand
 * (GET /api/spans/{id}/history: who changed what and when).
 *
 * Props:
 * - `spans`: the spans covering the position (the reader computes them from its caret or hover).
 * - `labels`: all labels, active and archived (names and colors).
 * - `names?`: `{ entities?: Record<id, name>, claims?: Record<id, statement> }` to show links by name.
 * - `pendingSpanIds?`: spans with unsaved changes (marked "saving").
 * - `onSelect?(span)`: a span was chosen (e.g. to relabel, link or delete it).
 * - `selectedId?`: the span currently selected.
 * - `onReview?(span, status)`: for reviewers (editors, admins): approve or reject a span; absent, no review buttons.
 */
import { useId, useState } from "react";
import { annotationApi } from "@/lib/annotate-client/api";
import type { LabelDTO, SpanDTO, SpanHistoryEntry } from "@/lib/annotate-client/types";
import { buttonClass, cardClass, swatchClass } from "./ui";
import { useRemote } from "./use-remote";

export interface SpanInspectorProps {
  spans: readonly SpanDTO[];
  labels: readonly LabelDTO[];
  names?: { entities?: Readonly<Record<string, string>>; claims?: Readonly<Record<string, string>> };
  pendingSpanIds?: ReadonlySet<string>;
  onSelect?: (span: SpanDTO) => void;
  selectedId?: string | null;
  onReview?: (span: SpanDTO, status: SpanDTO["reviewStatus"]) => void;
}

const FIELD_NAMES: Record<string, string> = {
  labelId: "label",
  entityId: "entity",
  claimId: "claim",
  reviewStatus: "review",
  start: "start",
  end: "end",
  quote: "text",
  kind: "kind",
  deleted: "deleted",
  revision: "revision",
};

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function describeChange(entry: SpanHistoryEntry, labelName: (id: string | null) => string): string {
  if (entry.action === "CREATE") return `created as ${labelName(entry.after.labelId)} “${entry.after.quote}”`;
  if (entry.action === "DELETE") return "deleted";
  if (entry.action === "RESTORE") return "restored";
  const parts = entry.changed
    .filter((f) => f !== "deleted")
    .map((f) => {
      const before = entry.before?.[f as keyof SpanHistoryEntry["after"]];
      const after = entry.after[f as keyof SpanHistoryEntry["after"]];
      if (f === "labelId") return `label ${labelName(before as string | null)} → ${labelName(after as string | null)}`;
      if (f === "entityId" || f === "claimId") return `${FIELD_NAMES[f]} ${after ? "linked" : "unlinked"}`;
      if (f === "quote") return `text “${String(before)}” → “${String(after)}”`;
      return `${FIELD_NAMES[f] ?? f} ${String(before)} → ${String(after)}`;
    });
  return parts.length ? `changed ${parts.join(", ")}` : "saved";
}

function History({ spanId, labelName }: { spanId: string; labelName: (id: string | null) => string }) {
  const remote = useRemote((signal) => annotationApi.spanHistory(spanId, signal), spanId);
  if (remote.error)
    return (
      <p role="alert" className="text-red-700">
        {remote.error}
      </p>
    );
  if (!remote.data) return <p className="text-stone-500">Loading history…</p>;
  return (
    <ol
      className="mt-1 space-y-0.5 border-l border-stone-200 pl-2 text-xs"
      aria-label="History"
      data-testid="span-history"
    >
      {remote.data.map((h) => (
        <li key={h.version}>
          <span className="text-stone-500">
            v{h.version} · {when(h.at)} ·{" "}
          </span>
          <bdi className="font-medium">{h.actor?.name ?? "import"}</bdi> {describeChange(h, labelName)}
        </li>
      ))}
    </ol>
  );
}

export function SpanInspector({
  spans,
  labels,
  names,
  pendingSpanIds,
  onSelect,
  selectedId,
  onReview,
}: SpanInspectorProps) {
  const id = useId();
  const [open, setOpen] = useState<string | null>(null);
  const label = (labelId: string | null) => labels.find((l) => l.id === labelId);
  const labelName = (labelId: string | null) => label(labelId)?.name ?? (labelId ? "an archived label" : "no label");
  // Innermost (shortest) first: that is what the cursor is on.
  const ordered = [...spans].sort((a, b) => a.end - a.start - (b.end - b.start));
  return (
    <section aria-labelledby={`${id}-title`} className="text-sm" data-testid="span-inspector">
      <h2 id={`${id}-title`} className="mb-1 font-semibold">
        Here
      </h2>
      {ordered.length === 0 ? <p className="text-stone-500">No span covers this place.</p> : null}
      <ul className="space-y-2">
        {ordered.map((s) => {
          const l = label(s.labelId);
          const link = s.entityId ? names?.entities?.[s.entityId] : s.claimId ? names?.claims?.[s.claimId] : undefined;
          return (
            <li key={s.id} data-span-id={s.id} className={cardClass(selectedId === s.id)}>
              <p className="flex flex-wrap items-center gap-1.5">
                <span aria-hidden className={swatchClass} style={{ backgroundColor: l?.color ?? "#a8a29e" }} />
                <bdi className="font-medium">{l?.name ?? (s.kind === "CLAIM" ? "Claim" : "Untagged")}</bdi>
                {pendingSpanIds?.has(s.id) ? <span className="text-xs text-amber-700">saving</span> : null}
                {s.reviewStatus !== "PENDING" ? (
                  <span className="text-xs text-stone-500">{s.reviewStatus.toLowerCase()}</span>
                ) : null}
                {s.source !== "MANUAL" ? (
                  <span className="text-xs text-stone-500">{s.source.toLowerCase()}</span>
                ) : null}
              </p>
              <p className="mt-0.5">
                “<bdi>{s.quote}</bdi>”
              </p>
              {s.entityId || s.claimId ? (
                <p className="text-xs text-stone-600">
                  {s.entityId ? "Entity" : "Claim"}: {link ? <bdi>{link}</bdi> : "linked"}
                </p>
              ) : (
                <p className="text-xs text-stone-500">Not linked</p>
              )}
              {s.updatedBy ? (
                <p className="text-xs text-stone-500">
                  Last changed by <bdi>{s.updatedBy.name}</bdi>, {when(s.updatedAt)}
                </p>
              ) : null}
              <div className="mt-1 flex gap-2">
                {onSelect ? (
                  <button type="button" className={buttonClass} onClick={() => onSelect(s)}>
                    Select
                  </button>
                ) : null}
                <button
                  type="button"
                  className={buttonClass}
                  aria-expanded={open === s.id}
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                >
                  History
                </button>
                {onReview ? <ReviewButtons span={s} onReview={onReview} /> : null}
              </div>
              {open === s.id ? <History spanId={s.id} labelName={labelName} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Approve or reject a span; pressing the active decision again returns it to pending. */
function ReviewButtons({
  span,
  onReview,
}: {
  span: SpanDTO;
  onReview: (span: SpanDTO, status: SpanDTO["reviewStatus"]) => void;
}) {
  const decide = (status: "APPROVED" | "REJECTED") => onReview(span, span.reviewStatus === status ? "PENDING" : status);
  return (
    <span role="group" aria-label="Review" className="ml-auto flex gap-1">
      <button
        type="button"
        className={`${buttonClass} ${span.reviewStatus === "APPROVED" ? "bg-green-100 text-green-900" : ""}`}
        aria-pressed={span.reviewStatus === "APPROVED"}
        onClick={() => decide("APPROVED")}
      >
        Approve
      </button>
      <button
        type="button"
        className={`${buttonClass} ${span.reviewStatus === "REJECTED" ? "bg-red-100 text-red-900" : ""}`}
        aria-pressed={span.reviewStatus === "REJECTED"}
        onClick={() => decide("REJECTED")}
      >
        Reject
      </button>
    </span>
  );
}
