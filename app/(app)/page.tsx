import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { parseStoryListParams, toStorySearch, type SearchParamsRecord } from "@/lib/stories/list-params";
import { searchStories } from "@/lib/stories/search";
import { Pagination } from "@/components/stories/Pagination";
import { StoryFilters } from "@/components/stories/StoryFilters";
import { StoryResults } from "@/components/stories/StoryResults";

export const dynamic = "force-dynamic";

/** Home: the story list, searchable in every language, filtered by facets, state in the URL. */
export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const user = await requirePage({ permission: "story.read" });
  const params = parseStoryListParams(await searchParams);
  const result = await searchStories(db, toStorySearch(params, user.id), user);
  const filtered = !!(
    params.q ||
    params.languages.length ||
    params.outlets.length ||
    params.status.length ||
    params.assignment.length ||
    params.mine
  );
  const first = (result.page - 1) * result.pageSize + 1;
  return (
    <main className="mx-auto max-w-7xl px-6 py-10">
      <header className="mb-8">
        <h1 className="text-3xl font-semibold tracking-tight">Parallax</h1>
        <p className="mt-1 text-stone-600">One story, every language, side by side.</p>
      </header>
      <div className="grid gap-8 md:grid-cols-[16rem_1fr]">
        <aside aria-label="Search and filters">
          <StoryFilters params={params} facets={result.facets} />
        </aside>
        <section aria-labelledby="stories-heading">
          <div className="mb-3 flex items-baseline justify-between gap-4">
            <h2 id="stories-heading" className="text-lg font-medium">
              Stories
            </h2>
            <p role="status" className="text-sm text-stone-600" data-testid="story-count">
              {result.total === 0
                ? "No stories"
                : result.stories.length === 0
                  ? `${result.total} ${result.total === 1 ? "story" : "stories"}; none on this page`
                  : `${first}–${first + result.stories.length - 1} of ${result.total} ${result.total === 1 ? "story" : "stories"}`}
              {params.q ? ` matching “${params.q}”` : ""}
            </p>
          </div>
          {result.stories.length === 0 ? (
            <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-stone-600">
              {filtered ? "No story matches this search and these filters." : "No stories yet."}
            </p>
          ) : (
            <StoryResults stories={result.stories} />
          )}
          <Pagination params={params} pageCount={result.pageCount} />
        </section>
      </div>
    </main>
  );
}
