import Link from "next/link";

export default function StoryNotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <p className="text-sm font-medium text-stone-600">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold">There is no such story</h1>
      <p className="mt-3 text-stone-600">The link may be old, or the story was removed.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        Back to the stories
      </Link>
    </main>
  );
}
