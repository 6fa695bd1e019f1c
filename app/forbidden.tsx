import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="content" tabIndex={-1} className="outline-none mx-auto max-w-xl px-6 py-16">
      <p className="text-sm font-medium text-red-700">403 · Not allowed</p>
      <h1 className="mt-2 text-2xl font-semibold">Your role does not give access to this page</h1>
      <p className="mt-3 text-stone-600">If you need it, ask an administrator to change your role.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        Back to the stories
      </Link>
    </main>
  );
}
