"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Marks an assignment done, or reopens it (PATCH /api/assignments/{id}). */
export function AssignmentStatusButton({ id, done }: { id: string; done: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    setBusy(true);
    setError(null);
    const res = await fetch(`/api/assignments/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: done ? "IN_PROGRESS" : "DONE" }),
    });
    setBusy(false);
    if (!res.ok) {
      setError(
        ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? "Failed.",
      );
      return;
    }
    router.refresh();
  }
  return (
    <>
      <button
        type="button"
        onClick={toggle}
        disabled={busy}
        className="rounded-md border border-stone-300 bg-white px-3 py-1 text-sm hover:bg-stone-50 disabled:opacity-50"
      >
        {done ? "Reopen" : "Mark done"}
      </button>
      {error ? <span className="ml-2 text-sm text-red-700">{error}</span> : null}
    </>
  );
}
