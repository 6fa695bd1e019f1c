"use client";
/**
 * LabelPicker — choose a label for a span, from the keyboard or the mouse.
 *
 * Props:
 * - `labels`: active labels in picker order (GET /api/taxonomy `labels`): entity types and the claim tag.
 * - `title?`: heading, e.g. "Tag “Tsinghua University”" (default "Choose a label").
 * - `current?`: id of the span's current label (highlighted first).
 * - `kinds?`: restrict to ENTITY or CLAIM labels.
 * - `onPick(label)`: a label was chosen. `onCancel()`: Esc or the close button.
 *
 * Keys (lib/reader/keymap.ts, scope "picker"): letters filter by name or key
 * (lib/annotate-client/label-filter.ts) — a shortcut key tags at once only
 * when no label's name or key starts with it, so typing a whole label name
 * never mislabels; the label whose shortcut is a one-letter filter comes
 * first. ↑/↓ Home/End move; Enter picks; Esc cancels. Focus starts in the
 * filter box and returns to the opener on close (the caller's job, since it
 * knows the opener).
 */
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import type { LabelDTO, SpanKind } from "@/lib/annotate-client/types";
import { filterLabels, shortcutPick } from "@/lib/annotate-client/label-filter";
import { commandFor } from "@/lib/reader/keymap";
import { kbdClass, optionClass, panelClass } from "./ui";
import { PanelHeader } from "./PanelHeader";

export interface LabelPickerProps {
  labels: readonly LabelDTO[];
  title?: string;
  current?: string | null;
  kinds?: readonly SpanKind[];
  onPick: (label: LabelDTO) => void;
  onCancel: () => void;
}

export function LabelPicker({ labels, title = "Choose a label", current, kinds, onPick, onCancel }: LabelPickerProps) {
  const id = useId();
  const usable = useMemo(
    () => labels.filter((l) => !l.archived && (!kinds || kinds.includes(l.kind))),
    [labels, kinds],
  );
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => filterLabels(usable, filter), [usable, filter]);
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      usable.findIndex((l) => l.id === current),
    ),
  );
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const n = Math.max(1, shown.length);
    switch (commandFor(e.nativeEvent, "picker")) {
      case "pickerCancel":
        onCancel();
        break;
      case "pickerNext":
        setActive((activeIndex + 1) % n);
        break;
      case "pickerPrevious":
        setActive((activeIndex - 1 + n) % n);
        break;
      case "pickerFirst":
        setActive(0);
        break;
      case "pickerLast":
        setActive(shown.length - 1);
        break;
      case "pickerChoose": {
        const label = shown[activeIndex];
        if (label) onPick(label);
        break;
      }
      default: {
        const label = shortcutPick(usable, filter, e.key);
        if (!label) return; // an ordinary character: it goes into the filter
        onPick(label);
      }
    }
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className={panelClass} data-testid="label-picker" role="dialog" aria-labelledby={`${id}-title`}>
      <PanelHeader id={`${id}-title`} title={title} onClose={onCancel} heading={false} />
      <input
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={shown[activeIndex] ? `${id}-${shown[activeIndex].id}` : undefined}
        aria-label="Filter labels: type a label's name, Enter tags"
        placeholder="Type to filter, Enter tags"
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className="mb-2 block w-full rounded-md border border-stone-300 px-2.5 py-1.5 text-sm"
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Labels" className="max-h-72 space-y-0.5 overflow-y-auto">
        {shown.map((label, i) => (
          <li
            key={label.id}
            id={`${id}-${label.id}`}
            role="option"
            aria-selected={i === activeIndex}
            className={optionClass(i === activeIndex)}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()} // keep focus in the filter box
            onClick={() => onPick(label)}
          >
            <span aria-hidden className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: label.color }} />
            <bdi className="flex-1">{label.name}</bdi>
            {label.kind === "CLAIM" ? <span className="text-xs text-stone-500">claim</span> : null}
            {label.shortcut ? (
              <kbd className={kbdClass} aria-label={`shortcut ${label.shortcut}`}>
                {label.shortcut}
              </kbd>
            ) : null}
          </li>
        ))}
        {shown.length === 0 ? <li className="px-2 py-1 text-stone-500">No label matches “{filter}”.</li> : null}
      </ul>
    </div>
  );
}
