"use client";

import { useId, useState } from "react";
import { buttonClass, inputClass } from "./ui";

/** Stories chosen by key: type or pick from the suggestions, Enter adds; each chip removes itself. */
export function StoryPicker({
  stories,
  chosen,
  onChange,
}: {
  stories: { key: string; title: string }[];
  chosen: string[];
  onChange: (keys: string[]) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const key = draft.trim();
    if (!key) return;
    if (!stories.some((s) => s.key === key)) {
      setProblem(`No story has the key “${key}”.`);
      return;
    }
    setProblem(null);
    if (!chosen.includes(key)) onChange([...chosen, key]);
    setDraft("");
  };
  const titleOf = (key: string) => stories.find((s) => s.key === key)?.title;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        Stories
      </label>
      <span id={`${id}-hint`} className="ml-1 text-stone-500">
        (by key; none chosen: every story)
      </span>
      <div className="flex gap-2">
        <input
          id={id}
          list={`${id}-list`}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ""}`}
          aria-invalid={!!problem}
          className={inputClass}
          placeholder="story-key"
        />
        <datalist id={`${id}-list`}>
          {stories.map((s) => (
            <option key={s.key} value={s.key}>
              {s.title}
            </option>
          ))}
        </datalist>
        <button type="button" onClick={add} className={`${buttonClass} mt-1 whitespace-nowrap`}>
          Add story
        </button>
      </div>
      {problem ? (
        <p id={`${id}-problem`} role="alert" className="mt-1 text-red-700">
          {problem}
        </p>
      ) : null}
      {chosen.length ? (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Chosen stories">
          {chosen.map((key) => (
            <li key={key} className="flex items-center gap-1 rounded-full bg-stone-100 py-0.5 pr-1 pl-3">
              <span title={titleOf(key)}>{key}</span>
              <button
                type="button"
                onClick={() => onChange(chosen.filter((k) => k !== key))}
                aria-label={`Remove story ${key}`}
                className="rounded-full px-1.5 text-stone-600 hover:bg-stone-200 hover:text-stone-950"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
