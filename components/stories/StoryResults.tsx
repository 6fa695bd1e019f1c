import Link from "next/link";
import type { StoryHit } from "@/lib/stories/search";
import { storyHref } from "@/lib/reader/href";
import { STATUS_CLASSES, STATUS_LABELS } from "./status";

function Snippets({ story }: { story: StoryHit }) {
  if (!story.snippets.length) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm text-stone-700" aria-label={`Matches in ${story.title}`}>
      {story.snippets.map((s) => (
        <li key={s.articleId} className="flex gap-2">
          <span className="shrink-0 rounded bg-stone-100 px-1.5 py-0.5 font-mono text-xs text-stone-600">
            {s.language}
            {s.field === "title" ? " · title" : ""}
          </span>
          <span lang={s.language} dir="auto" className="min-w-0">
            {s.before.length ? "…" : ""}
            {s.before}
            <mark className="rounded bg-yellow-200 px-0.5 text-stone-950">{s.match}</mark>
            {s.after}
            {s.after.length ? "…" : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One story per row: a link to the reader, its status, its language versions and, for a search, where it matched. */
export function StoryResults({ stories }: { stories: StoryHit[] }) {
  return (
    <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Stories">
      {stories.map((story) => (
        <li key={story.id} className="px-4 py-3" data-testid={`story-${story.key}`}>
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <h3 className="font-medium">
              <Link href={storyHref(story.key)} className="hover:underline">
                <bdi>{story.title}</bdi>
              </Link>
            </h3>
            <span className={`rounded px-2 py-0.5 text-xs ${STATUS_CLASSES[story.status]}`}>
              {STATUS_LABELS[story.status]}
            </span>
            <span className="font-mono text-xs text-stone-500">{story.key}</span>
            <Link
              href={`/export?story=${encodeURIComponent(story.key)}`}
              aria-label={`Export story ${story.key}`}
              className="ml-auto text-sm text-stone-600 underline hover:text-stone-950"
            >
              Export
            </Link>
          </div>
          <p className="mt-1 flex flex-wrap gap-2 text-sm text-stone-600">
            {story.articles.map((a) => (
              <span
                key={a.id}
                lang={a.language}
                dir="auto"
                className="rounded bg-stone-100 px-2 py-0.5"
                title={`${a.title ?? "Untitled"} — ${STATUS_LABELS[a.status]}, ${a.spans} spans`}
              >
                {a.language}
                {a.outlet ? ` · ${a.outlet}` : ""}
              </span>
            ))}
          </p>
          <Snippets story={story} />
        </li>
      ))}
    </ul>
  );
}
