"use client";

export default function StoryError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">The story could not be opened</h1>
      <p role="alert" className="mt-3 text-stone-600">
        Something went wrong on our side while loading it. Try again in a moment.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100"
      >
        Try again
      </button>
    </main>
  );
}
