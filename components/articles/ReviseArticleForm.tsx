"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { reviseArticleAction } from "@/app/(app)/articles/[id]/revise/actions";
import { StatusLine, inputClass, primaryClass, type Status } from "@/components/admin/taxonomy/ui";
import { LabelledControl } from "@/components/ui/LabelledControl";
import type { ArticleEditResult } from "@/lib/revisions/edit";

/** Edits an article's title and text; a changed text is saved as a new revision. */
export function ReviseArticleForm({
  article,
}: {
  article: { id: string; title: string | null; text: string; revision: number; language: string };
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);
  const [result, setResult] = useState<ArticleEditResult | null>(null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(async () => {
      const res = await reviseArticleAction({
        id: article.id,
        expectedRevision: article.revision,
        title: String(data.get("title") ?? ""),
        text: String(data.get("text") ?? ""),
        note: String(data.get("note") ?? ""),
      });
      if (!res.ok) {
        setStatus({ kind: "error", text: res.error.message });
        return;
      }
      const r = res.data;
      setResult(r);
      setStatus({
        kind: "ok",
        text: r.changed
          ? `Saved as revision ${r.revision}.`
          : r.titleChanged
            ? "Title saved. The text is unchanged: no new revision."
            : "Nothing changed.",
      });
      router.refresh();
    });
  };

  return (
    <div className="space-y-4">
      <form onSubmit={submit} aria-label="Revise article" className="space-y-4">
        <LabelledControl label="Title" className="text-sm">
          {(control) => (
            <input
              {...control}
              name="title"
              defaultValue={article.title ?? ""}
              lang={article.language}
              dir="auto"
              className={inputClass}
            />
          )}
        </LabelledControl>
        <LabelledControl label="Text" className="text-sm">
          {(control) => (
            <textarea
              {...control}
              name="text"
              defaultValue={article.text}
              lang={article.language}
              dir="auto"
              rows={24}
              required
              className={`${inputClass} font-serif leading-relaxed`}
            />
          )}
        </LabelledControl>
        <LabelledControl label="Note" hint="optional: why the text changed" className="text-sm">
          {(control) => <input {...control} name="note" className={inputClass} />}
        </LabelledControl>
        <button type="submit" disabled={pending} className={primaryClass}>
          {pending ? "Saving…" : "Save new revision"}
        </button>
      </form>
      <StatusLine status={status} />
      {result?.changed ? <CarriedSpans result={result} /> : null}
    </div>
  );
}

function CarriedSpans({ result }: { result: ArticleEditResult }) {
  const carried = result.spans.context + result.spans.nearest;
  return (
    <section
      aria-label="Spans of the new revision"
      className="rounded-lg border border-stone-200 bg-white p-4 text-sm"
      data-testid="revision-spans"
    >
      <p>
        {carried} span{carried === 1 ? "" : "s"} carried over ({result.spans.context} by quote and context,{" "}
        {result.spans.nearest} at the nearest occurrence); {result.spans.orphaned.length} flagged for review.
      </p>
      {result.spans.orphaned.length ? (
        <ul className="mt-2 list-disc pl-5 text-amber-800">
          {result.spans.orphaned.map((s) => (
            <li key={s.id}>
              <q dir="auto">{s.quote}</q> could not be found in the new text
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
