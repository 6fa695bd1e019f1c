"use client";

import { useEffect, useRef, useState } from "react";
import type { LabelDTO } from "@/lib/annotation/dto";

/**
 * The label picker the reader opens after a selection (or to relabel):
 * each label's shortcut picks it, ↑ ↓ and Enter too, Esc cancels.
 */
export function LabelMenu({
  labels,
  title,
  current,
  onPick,
  onCancel,
}: {
  labels: readonly LabelDTO[];
  title: string;
  current?: string | null;
  onPick: (label: LabelDTO) => void;
  onCancel: () => void;
}) {
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      labels.findIndex((l) => l.id === current),
    ),
  );
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.focus();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape") onCancel();
    else if (e.key === "ArrowDown") setActive((a) => (a + 1) % labels.length);
    else if (e.key === "ArrowUp") setActive((a) => (a - 1 + labels.length) % labels.length);
    else if (e.key === "Enter" && labels[active]) onPick(labels[active]!);
    else {
      const byKey = labels.find((l) => l.shortcut && l.shortcut.toLowerCase() === e.key.toLowerCase());
      if (!byKey) return;
      onPick(byKey);
    }
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="rounded-lg border border-stone-300 bg-white p-3 shadow-lg" data-testid="label-menu">
      <p id="label-menu-title" className="mb-2 text-sm font-medium">
        {title}
      </p>
      <ul
        ref={list}
        role="listbox"
        tabIndex={0}
        aria-labelledby="label-menu-title"
        aria-activedescendant={labels[active] ? `label-option-${labels[active]!.id}` : undefined}
        onKeyDown={onKeyDown}
        className="max-h-72 overflow-y-auto text-sm"
      >
        {labels.map((label, i) => (
          <li
            key={label.id}
            id={`label-option-${label.id}`}
            role="option"
            aria-selected={i === active}
            onClick={() => onPick(label)}
            onMouseEnter={() => setActive(i)}
            className={`flex cursor-pointer items-center gap-2 rounded px-2 py-1 ${i === active ? "bg-stone-100" : ""}`}
          >
            <span className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: label.color }} aria-hidden />
            <span className="flex-1">{label.name}</span>
            <span className="font-mono text-xs text-stone-500">{label.key}</span>
            {label.shortcut ? (
              <kbd className="rounded border border-stone-300 px-1 font-mono text-xs">{label.shortcut}</kbd>
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onCancel} className="mt-2 text-xs text-stone-600 underline">
        Cancel (Esc)
      </button>
    </div>
  );
}
