"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Assigns language versions of a story to annotators (POST /api/stories/{id}/assignments). */
export function AssignForm({
  storyId,
  languages,
  users,
}: {
  storyId: string;
  languages: string[];
  users: { id: string; name: string; email: string }[];
}) {
  const router = useRouter();
  const [chosenLanguages, setLanguages] = useState<string[]>([]);
  const [chosenUsers, setUsers] = useState<string[]>([]);
  const [mode, setMode] = useState<"INDEPENDENT" | "COLLABORATIVE">("INDEPENDENT");
  const [dueAt, setDueAt] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const toggle = (list: string[], set: (v: string[]) => void, value: string) =>
    set(list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    const res = await fetch(`/api/stories/${storyId}/assignments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ languages: chosenLanguages, userIds: chosenUsers, mode, dueAt: dueAt || null }),
    });
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!res.ok) {
      setMessage(body?.error?.message ?? "Could not assign.");
      return;
    }
    setMessage("Assigned.");
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <fieldset>
        <legend className="font-medium">Language versions (none chosen: all)</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {languages.map((l) => (
            <label key={l} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={chosenLanguages.includes(l)}
                onChange={() => toggle(chosenLanguages, setLanguages, l)}
              />
              {l}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="font-medium">Annotators</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {users.map((u) => (
            <label key={u.id} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={chosenUsers.includes(u.id)}
                onChange={() => toggle(chosenUsers, setUsers, u.id)}
              />
              {u.name} <span className="text-stone-500">{u.email}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="font-medium">Mode</legend>
        <label className="mr-4">
          <input type="radio" name="mode" checked={mode === "INDEPENDENT"} onChange={() => setMode("INDEPENDENT")} />{" "}
          Independent (each their own layer)
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={mode === "COLLABORATIVE"}
            onChange={() => setMode("COLLABORATIVE")}
          />{" "}
          Collaborative (shared layer)
        </label>
      </fieldset>
      <label className="block">
        <span className="font-medium">Due date (optional)</span>{" "}
        <input
          type="date"
          value={dueAt}
          onChange={(e) => setDueAt(e.target.value)}
          className="rounded border px-2 py-1"
        />
      </label>
      <button
        type="submit"
        className="rounded-md bg-stone-900 px-4 py-2 font-medium text-white"
        disabled={!chosenUsers.length}
      >
        Assign
      </button>
      {message ? <p role="status">{message}</p> : null}
    </form>
  );
}
