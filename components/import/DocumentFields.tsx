"use client";

import { useId } from "react";
import { Field, inputClass } from "@/components/admin/taxonomy/ui";

/** The metadata of a single document: its story (existing or new), language and source. */
export function DocumentFields({ stories }: { stories: { key: string; title: string }[] }) {
  const listId = useId();
  return (
    <fieldset className="rounded-lg border border-stone-200 bg-white p-4">
      <legend className="px-1 text-sm font-medium">About this document</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Language" hint="BCP 47, e.g. sv, en, fr, zh-Hans, ar">
          {(control) => <input {...control} name="language" required autoComplete="off" className={inputClass} />}
        </Field>
        <Field label="Story" hint="an existing story's key, or a new key; empty: a new story">
          {(control) => (
            <>
              <input {...control} name="story" list={listId} autoComplete="off" className={inputClass} />
              <datalist id={listId}>
                {stories.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.title}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Story title" hint="for a new story">
          {(control) => <input {...control} name="storyTitle" className={inputClass} />}
        </Field>
        <Field label="Title" hint="default: the document's own heading">
          {(control) => <input {...control} name="title" className={inputClass} />}
        </Field>
        <Field label="Outlet">{(control) => <input {...control} name="outlet" className={inputClass} />}</Field>
        <Field label="Author">{(control) => <input {...control} name="author" className={inputClass} />}</Field>
        <Field label="URL">{(control) => <input {...control} name="url" type="url" className={inputClass} />}</Field>
        <Field label="Published">
          {(control) => <input {...control} name="published" type="date" className={inputClass} />}
        </Field>
      </div>
    </fieldset>
  );
}
