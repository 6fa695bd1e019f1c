"use client";

import { useId, useRef, useState, type DragEvent } from "react";
import { humanBytes } from "@/lib/import/file-format";

/**
 * A file chooser that also takes a dropped file. The real <input type=file>
 * stays in the tab order (visually it is the "Choose file" button), so the
 * keyboard path is the browser's own; dropping is a shortcut for the mouse.
 */
export function FileDrop({
  label,
  hint,
  accept,
  name,
  file,
  onFile,
}: {
  label: string;
  hint: string;
  accept: string;
  name: string;
  file: File | null;
  onFile: (file: File | null) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const drop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (!dropped) return;
    onFile(dropped);
    // Keep the input in step so the form reads the same file.
    if (input.current) {
      const transfer = new DataTransfer();
      transfer.items.add(dropped);
      input.current.files = transfer.files;
    }
  };

  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid={`drop-${name}`}
      className={`rounded-lg border-2 border-dashed px-4 py-5 text-sm ${over ? "border-blue-500 bg-blue-50" : "border-stone-300 bg-white"}`}
    >
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <p id={`${id}-hint`} className="mt-0.5 text-stone-500">
        {hint}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <input
          ref={input}
          id={id}
          name={name}
          type="file"
          accept={accept}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onFile(e.currentTarget.files?.[0] ?? null)}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-stone-50"
        />
        {file ? (
          <>
            <span className="text-stone-600" data-testid={`chosen-${name}`}>
              {file.name} · {humanBytes(file.size)}
            </span>
            <button
              type="button"
              className="rounded-md border border-stone-300 bg-white px-2.5 py-1 text-sm hover:bg-stone-50"
              onClick={() => {
                onFile(null);
                if (input.current) input.current.value = "";
              }}
              aria-label={`Remove ${file.name}`}
            >
              Remove
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}
