"use client";
/**
 * StorySidebar — the story's entities and claims, each with its spans per
 * language (GET /api/stories/{id}/annotations); a span jumps to its place.
 *
 * Props:
 * - `storyId`.
 * - `refreshKey`: refetches when it changes (pass the store's `savedCount`, so the list follows saved edits).
 * - `labels?`: all labels, active and archived (colors of entity types).
 * - `onJump(ref)`: a span was activated (click or Enter): `{ articleId, language, spanId, start, end, quote }`.
 * - `highlight?`: an entity or claim id to mark as current (e.g. the one under the cursor).
 * - `annotations?`, `onRefresh?`: the data and its reload, when the caller already fetches it
 *   (then `refreshKey` is unused).
 *
 * Every span is a button, so Tab reaches them and Enter jumps.
 */
import { Fragment, useId, type ReactNode } from "react";
import { annotationApi } from "@/lib/annotate-client/api";
import type { LabelDTO, StoryAnnotations, StorySpanRef } from "@/lib/annotate-client/types";
import { formatDay } from "@/components/ui/Time";
import { buttonClass, cardClass, swatchClass } from "./ui";
import { useRemote } from "./use-remote";

export interface StorySidebarProps {
  storyId: string;
  refreshKey?: number | string;
  labels?: readonly LabelDTO[];
  onJump: (ref: StorySpanRef) => void;
  highlight?: string | null;
  /** Given by a parent that loads them (null while it does); left out, the sidebar loads them itself. */
  annotations?: StoryAnnotations | null;
  onRefresh?: () => void;
}

function byLanguage(spans: readonly StorySpanRef[]): [string, StorySpanRef[]][] {
  const groups = new Map<string, StorySpanRef[]>();
  for (const s of spans) groups.set(s.language, [...(groups.get(s.language) ?? []), s]);
  return [...groups.entries()];
}

function SpanRefs({
  spans,
  onJump,
  owner,
}: {
  spans: readonly StorySpanRef[];
  onJump: (r: StorySpanRef) => void;
  owner: string;
}) {
  if (spans.length === 0) return <p className="text-xs text-stone-500">No spans yet.</p>;
  return (
    <dl className="mt-1 space-y-1">
      {byLanguage(spans).map(([language, refs]) => (
        <div key={language} className="flex flex-wrap items-baseline gap-1" data-language={language}>
          <dt className="w-8 shrink-0 font-mono text-xs uppercase text-stone-500">{language}</dt>
          {refs.map((r) => (
            <dd key={r.spanId}>
              <button
                type="button"
                className="rounded border border-stone-200 px-1.5 py-0.5 text-left text-xs hover:bg-stone-100"
                onClick={() => onJump(r)}
                aria-label={`${owner}: “${r.quote}” in ${language}, go to`}
                lang={language}
              >
                <bdi>{r.quote}</bdi>
              </button>
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}

export function StorySidebar({
  storyId,
  refreshKey = 0,
  labels = [],
  onJump,
  highlight,
  annotations,
  onRefresh,
}: StorySidebarProps) {
  const id = useId();
  const given = annotations !== undefined;
  const remote = useRemote(
    given ? null : (signal) => annotationApi.storyAnnotations(storyId, signal),
    given ? "given" : `${storyId}|${refreshKey}`,
  );
  const color = (labelId: string) => labels.find((l) => l.id === labelId)?.color ?? "#a8a29e";
  const data = annotations ?? remote.data;
  return (
    <aside aria-labelledby={`${id}-title`} className="space-y-4 text-sm" data-testid="story-sidebar">
      <div className="flex items-center justify-between">
        <h2 id={`${id}-title`} className="font-semibold">
          In this story
        </h2>
        <button
          type="button"
          className={buttonClass}
          onClick={onRefresh ?? remote.reload}
          aria-label="Refresh the story’s entities and claims"
        >
          ↻
        </button>
      </div>
      {remote.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-2 py-1.5 text-red-800">
          {remote.error}
        </p>
      ) : null}
      {!data && (remote.loading || annotations === null) ? <p className="text-stone-500">Loading…</p> : null}
      {data ? (
        <>
          <ListSection
            id={`${id}-entities`}
            testId="sidebar-entities"
            title="Entities"
            count={data.entities.length}
            empty="No entity linked yet."
          >
            {data.entities.map((e) => (
              <li key={e.id} data-entity-id={e.id} className={cardClass(highlight === e.id)}>
                <p className="flex items-center gap-1.5">
                  <span aria-hidden className={swatchClass} style={{ backgroundColor: color(e.labelId) }} />
                  <a href={`/entities/${e.id}`} className="font-medium hover:underline">
                    <bdi>{e.name}</bdi>
                  </a>
                  <span className="text-xs text-stone-500">{e.labelKey}</span>
                  {e.wikidataQid ? <span className="text-xs text-stone-500">{e.wikidataQid}</span> : null}
                </p>
                <SpanRefs spans={e.spans} onJump={onJump} owner={e.name} />
              </li>
            ))}
          </ListSection>
          <ListSection
            id={`${id}-claims`}
            testId="sidebar-claims"
            title="Claims"
            count={data.claims.length}
            empty="No claim yet."
          >
            {data.claims.map((c) => (
              <li key={c.id} data-claim-id={c.id} className={cardClass(highlight === c.id)}>
                <p className="font-medium">
                  <bdi>{c.statement}</bdi>
                </p>
                <p className="text-xs text-stone-500">
                  {[c.claimant?.name, c.claimDate ? formatDay(c.claimDate) : null, c.verdict?.name]
                    .filter((part): part is string => Boolean(part))
                    .map((part, i) => (
                      <Fragment key={i}>
                        {i ? " · " : null}
                        <bdi>{part}</bdi>
                      </Fragment>
                    ))}
                </p>
                <SpanRefs spans={c.spans} onJump={onJump} owner="Claim" />
              </li>
            ))}
          </ListSection>
        </>
      ) : null}
    </aside>
  );
}

/** The story's entities or claims: a heading with their count, then a card each (or a line saying there is none). */
function ListSection({
  id,
  testId,
  title,
  count,
  empty,
  children,
}: {
  id: string;
  testId: string;
  title: string;
  count: number;
  empty: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="mb-1 font-medium">
        {title} <span className="text-stone-500">({count})</span>
      </h3>
      <ul className="space-y-2">
        {children}
        {count === 0 ? <li className="text-stone-500">{empty}</li> : null}
      </ul>
    </section>
  );
}
