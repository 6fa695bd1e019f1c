"use client";

import { useId, useState } from "react";
import { buttonClass, inputClass } from "./ui";

export interface PickableStory {
  key: string;
  title: string;
}

/**
 * The story a typed entry names: its title (case- and accent-insensitive,
 * as the suggestions offer it) or its key. Several stories with that title
 * are reported, to be told apart by key.
 */
export function findStory(
  stories: readonly PickableStory[],
  entry: string,
): { story: PickableStory } | { problem: string } {
  const text = entry.trim();
  const fold = (s: string) =>
    s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en").replace(/\s+/g, " ").trim();
  const byKey = stories.find((s) => s.key === text);
  if (byKey) return { story: byKey };
  const byTitle = stories.filter((s) => fold(s.title) === fold(text));
  if (byTitle.length === 1) return { story: byTitle[0]! };
  if (byTitle.length > 1)
    return {
      problem: `${byTitle.length} stories are titled “${text}”: type the key of the one you mean (${byTitle.map((s) => s.key).join(", ")}).`,
    };
  return { problem: `No story is titled “${text}” (nor has that key).` };
}

/**
 * Stories chosen by title (or key): type or pick from the suggestions, Enter
 * adds; each chip, named by title, removes itself. `onDraftChange` reports
 * the text typed but not added, so the page can refuse to export or freeze
 * a selection that silently lacks it.
 */
export function StoryPicker({
  stories,
  chosen,
  onChange,
  onDraftChange,
}: {
  stories: PickableStory[];
  chosen: string[];
  onChange: (keys: string[]) => void;
  onDraftChange?: (draft: string) => void;
}) {
  const id = useId();
  const [draft, setDraftState] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const setDraft = (value: string) => {
    setDraftState(value);
    onDraftChange?.(value);
  };
  const add = () => {
    if (!draft.trim()) return;
    const found = findStory(stories, draft);
    if ("problem" in found) {
      setProblem(found.problem);
      return;
    }
    setProblem(null);
    if (!chosen.includes(found.story.key)) onChange([...chosen, found.story.key]);
    setDraft("");
  };
  const titleOf = (key: string) => stories.find((s) => s.key === key)?.title;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        Stories
      </label>
      <span id={`${id}-hint`} className="ml-1 text-stone-500">
        (by title; none chosen: every story)
      </span>
      <div className="flex gap-2">
        <input
          id={id}
          list={`${id}-list`}
          value={draft}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ""}`}
          aria-invalid={!!problem}
          className={`${inputClass} min-w-0`}
          placeholder="Story title"
        />
        <datalist id={`${id}-list`}>
          {stories.map((s) => (
            <option key={s.key} value={s.title}>
              {s.key}
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
            <li key={key} className="flex max-w-full items-center gap-1 rounded-full bg-stone-100 py-0.5 pr-1 pl-3">
              <span className="min-w-0 [overflow-wrap:anywhere]">
                <bdi>{titleOf(key) ?? key}</bdi> <span className="font-mono text-xs text-stone-500">{key}</span>
              </span>
              <button
                type="button"
                onClick={() => onChange(chosen.filter((k) => k !== key))}
                aria-label={`Remove story ${titleOf(key) ?? key}`}
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
