"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { formatLayout, MAX_PANES } from "@/lib/reader/layout";
import { storyHref } from "@/lib/reader/href";
import type { VersionSummary } from "@/lib/reader/story-view";

function versionName(v: VersionSummary): string {
  return `${v.language}${v.outlet ? ` · ${v.outlet}` : ""}${v.title ? ` — ${v.title}` : " — untitled"}`;
}

/**
 * Which versions are open, in which order. Every change is a new URL, so the
 * layout can be shared. With four panes open the chooser swaps a version in
 * for the last pane; versions the URL named beyond four (`overflow`) are
 * named, with a button to show each instead of the last pane.
 */
export function ArticlePicker({
  storyKey,
  versions,
  open,
  overflow = [],
}: {
  storyKey: string;
  versions: readonly VersionSummary[];
  open: readonly string[];
  overflow?: readonly string[];
}) {
  const router = useRouter();
  const addId = useId();
  const go = (ids: string[]) => router.push(storyHref(storyKey, formatLayout(ids, versions)), { scroll: false });
  const closed = versions.filter((v) => !open.includes(v.id));
  const full = open.length >= MAX_PANES;
  const last = versions.find((v) => v.id === open[open.length - 1]);
  const swapIn = (id: string) => go(full ? [...open.slice(0, -1), id] : [...open, id]);
  const hidden = overflow.map((id) => versions.find((v) => v.id === id)).filter((v) => v !== undefined);
  const move = (i: number, by: number) => {
    const ids = [...open];
    const [id] = ids.splice(i, 1);
    ids.splice(i + by, 0, id!);
    go(ids);
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Open versions">
      {open.map((id, i) => {
        const v = versions.find((x) => x.id === id);
        if (!v) return null;
        return (
          <span
            key={id}
            className="inline-flex items-center gap-1 rounded-md border border-stone-300 bg-white px-2 py-1"
          >
            <span lang={v.language} className="font-mono">
              {v.language}
            </span>
            <button
              type="button"
              className="rounded px-1 text-stone-500 hover:bg-stone-100 disabled:opacity-30"
              aria-label={`Move ${v.language} left`}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              ←
            </button>
            <button
              type="button"
              className="rounded px-1 text-stone-500 hover:bg-stone-100 disabled:opacity-30"
              aria-label={`Move ${v.language} right`}
              disabled={i === open.length - 1}
              onClick={() => move(i, 1)}
            >
              →
            </button>
            <button
              type="button"
              className="rounded px-1 text-stone-500 hover:bg-stone-100 disabled:opacity-30"
              aria-label={`Close ${v.language}`}
              disabled={open.length <= 1}
              onClick={() => go(open.filter((x) => x !== id))}
            >
              ×
            </button>
          </span>
        );
      })}
      {closed.length > 0 ? (
        <>
          <label htmlFor={addId} className="sr-only">
            {full ? `Show another version instead of ${last?.language ?? "the last pane"}` : "Add a version"}
          </label>
          <select
            id={addId}
            className="rounded-md border border-stone-300 bg-white px-2 py-1"
            value=""
            onChange={(e) => e.target.value && swapIn(e.target.value)}
          >
            <option value="">{full ? `Instead of ${last?.language ?? "the last pane"}…` : "Add a version…"}</option>
            {closed.map((v) => (
              <option key={v.id} value={v.id}>
                {versionName(v)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {hidden.length > 0 ? (
        <p role="status" data-testid="layout-overflow" className="basis-full text-stone-600">
          At most {MAX_PANES} versions fit side by side, so{" "}
          {hidden.map((v, i) => (
            <span key={v.id}>
              {i > 0 ? ", " : ""}
              <span lang={v.language} className="font-mono">
                {v.language}
              </span>
            </span>
          ))}{" "}
          {hidden.length === 1 ? "is" : "are"} not shown.{" "}
          {hidden.map((v) => (
            <button
              key={v.id}
              type="button"
              className="ml-1 rounded-md border border-stone-300 bg-white px-2 py-0.5 hover:bg-stone-100"
              onClick={() => swapIn(v.id)}
            >
              Show {v.language} instead of {last?.language}
            </button>
          ))}
        </p>
      ) : null}
    </div>
  );
}
