import type { ArticleForRevision } from "@/lib/revisions/edit";

/** Spans no revision could place: kept, with the revision their offsets refer to, awaiting review. */
export function OrphanedSpans({ spans }: { spans: ArticleForRevision["orphaned"] }) {
  return (
    <section aria-labelledby="orphaned-heading" className="mt-10">
      <h2 id="orphaned-heading" className="text-lg font-medium">
        Spans flagged for review
      </h2>
      {spans.length === 0 ? (
        <p className="mt-1 text-sm text-stone-600">None: every span is placed in the current text.</p>
      ) : (
        <ul
          className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white text-sm"
          data-testid="orphaned-spans"
        >
          {spans.map((s) => (
            <li key={s.id} className="flex flex-wrap gap-3 px-4 py-2">
              <q className="font-medium" dir="auto">
                {s.quote}
              </q>
              <span className="text-stone-600">
                {s.label ? `${s.label} · ` : ""}placed in revision {s.revision}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
