"use client";

import type { FormatChoice } from "./formats";

/** The formats as radio buttons, each with its one-line description. */
export function FormatChooser({
  formats,
  value,
  onChange,
}: {
  formats: FormatChoice[];
  value: string;
  onChange: (format: string) => void;
}) {
  return (
    <fieldset className="min-w-0 text-sm">
      <legend className="font-medium">Format</legend>
      <ul className="mt-2 grid grid-cols-1 gap-2">
        {formats.map((f) => (
          <li key={f.id}>
            <label
              className={`flex gap-3 rounded-md border px-3 py-2 ${value === f.id ? "border-stone-900 bg-stone-50" : "border-stone-200"}`}
            >
              <input
                type="radio"
                name="format"
                value={f.id}
                checked={value === f.id}
                onChange={() => onChange(f.id)}
                aria-describedby={`format-${f.id}-description`}
                className="mt-1"
              />
              <span className="min-w-0">
                <span className="font-medium">{f.title}</span>{" "}
                <span className="font-mono text-xs text-stone-500">.{f.extension}</span>
                <span id={`format-${f.id}-description`} className="block text-stone-600">
                  {f.description}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-stone-600">
        Offsets in every format are Unicode code points (Python’s <code>text[start:end]</code>).{" "}
        <a href="/export/formats" className="underline hover:text-stone-950">
          The formats in detail
        </a>
      </p>
    </fieldset>
  );
}
