"use client";

import type { ExportCounts } from "@/lib/export/selection";
import { panelClass } from "./ui";

export type PreviewState =
  { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; counts: ExportCounts };

const n = (value: number) => value.toLocaleString("en");

/** The counts of the current selection in the chosen format, updated as the filter changes. */
export function PreviewPanel({ preview, unit }: { preview: PreviewState; unit: "spans" | "claims" }) {
  return (
    <section className={panelClass} aria-labelledby="preview-heading" aria-busy={preview.kind === "loading"}>
      <h2 id="preview-heading" className="font-medium">
        Preview
      </h2>
      <div aria-live="polite" className="mt-2 text-sm" data-testid="export-preview">
        {preview.kind === "error" ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
            {preview.message}
          </p>
        ) : preview.kind === "loading" ? (
          <p className="text-stone-500">Counting…</p>
        ) : (
          <>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1">
              <dt className="text-stone-600">Articles</dt>
              <dd data-testid="count-articles">{n(preview.counts.articles)}</dd>
              <dt className="text-stone-600">Spans</dt>
              <dd data-testid="count-spans">
                {n(preview.counts.spans.total)}
                <span className="text-stone-500">
                  {" "}
                  ({n(preview.counts.spans.byKind.entity)} entity, {n(preview.counts.spans.byKind.claim)} claim)
                </span>
              </dd>
              <dt className="text-stone-600">Entities</dt>
              <dd data-testid="count-entities">{n(preview.counts.entities)}</dd>
              <dt className="text-stone-600">Claims</dt>
              <dd data-testid="count-claims">{n(preview.counts.claims)}</dd>
              {unit === "claims" ? (
                <>
                  <dt className="text-stone-600">ClaimReviews</dt>
                  <dd data-testid="count-claim-reviews">{n(preview.counts.claimReviews)}</dd>
                </>
              ) : null}
            </dl>
            {preview.counts.spans.orphaned ? (
              <p className="mt-2 text-stone-600">
                {n(preview.counts.spans.orphaned)} spans a text edit left on an older revision are included.
              </p>
            ) : null}
            {Object.keys(preview.counts.spans.byLabel).length ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-stone-600">Spans per label</summary>
                <ul className="mt-1 grid grid-cols-2 gap-x-4">
                  {Object.entries(preview.counts.spans.byLabel).map(([label, count]) => (
                    <li key={label}>
                      {label}: {n(count)}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
