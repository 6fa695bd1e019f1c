import Link from "next/link";
import { storyListQuery, type StoryListParams } from "@/lib/stories/list-params";

const linkClass = "rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-50";
const disabledClass = "rounded-md border border-stone-200 px-3 py-1.5 text-stone-400";

/** Previous / next links that keep the search and filters. */
export function Pagination({ params, pageCount }: { params: StoryListParams; pageCount: number }) {
  if (pageCount <= 1 && params.page <= 1) return null;
  const href = (page: number) => `/${storyListQuery({ ...params, page })}`;
  const previous = params.page > 1 ? Math.min(params.page - 1, Math.max(pageCount, 1)) : null;
  const next = params.page < pageCount ? params.page + 1 : null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center gap-3 text-sm">
      {previous ? (
        <Link href={href(previous)} rel="prev" className={linkClass}>
          ← Previous
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          ← Previous
        </span>
      )}
      <span aria-current="page">
        Page {params.page} of {Math.max(pageCount, 1)}
      </span>
      {next ? (
        <Link href={href(next)} rel="next" className={linkClass}>
          Next →
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
