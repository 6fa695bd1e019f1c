import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { listStories } from "@/lib/stories/list";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await requirePage({ permission: "story.read" });
  const stories = await listStories(db);
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <header className="mb-8">
        <h1 className="text-3xl font-semibold tracking-tight">Parallax</h1>
        <p className="mt-1 text-stone-600">One story, every language, side by side.</p>
      </header>
      <h2 className="mb-3 text-lg font-medium">Stories</h2>
      {stories.length === 0 ? (
        <p className="text-stone-600">No stories yet.</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Stories">
          {stories.map((story) => (
            <li key={story.id} className="px-4 py-3">
              <p className="font-medium">{story.title}</p>
              <p className="mt-1 flex flex-wrap gap-2 text-sm text-stone-600">
                {story.articles.map((a) => (
                  <span key={a.id} lang={a.language} className="rounded bg-stone-100 px-2 py-0.5">
                    {a.language}
                    {a.outlet ? ` · ${a.outlet}` : ""}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
