export default function LoadingStory() {
  return (
    <main className="mx-auto max-w-7xl px-6 py-10" aria-busy="true">
      <p role="status" className="text-stone-600">
        Opening the story…
      </p>
      <div className="mt-4 h-1 w-64 overflow-hidden rounded bg-stone-200">
        <div className="h-full w-1/3 animate-pulse rounded bg-stone-500" />
      </div>
    </main>
  );
}
