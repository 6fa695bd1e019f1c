"use client";
import { useState, type KeyboardEvent } from "react";

/**
 * The keyboard and ARIA wiring of a search combobox: an input over a
 * listbox of `count` options (ClaimLinker, EntityTypeahead). ↑/↓ move
 * through the options, wrapping; Enter chooses the active one; Esc cancels.
 * Spread `input` on the <input>, `list` on the <ul> and `option(i)` on each
 * ListOption; call `reset()` when the query changes.
 */
export function useCombobox(
  id: string,
  count: number,
  { onChoose, onCancel }: { onChoose: (i: number) => void; onCancel?: () => void },
) {
  const [active, setActive] = useState(0);
  // Results come and go while typing: the active option stays among them.
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const optionId = (i: number) => `${id}-opt-${i}`;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") setActive((activeIndex + 1) % Math.max(1, count));
    else if (e.key === "ArrowUp") setActive((activeIndex - 1 + count) % Math.max(1, count));
    else if (e.key === "Enter") {
      if (count > 0) onChoose(activeIndex);
    } else if (e.key === "Escape" && onCancel) onCancel();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return {
    reset: () => setActive(0),
    input: {
      role: "combobox",
      "aria-autocomplete": "list" as const,
      "aria-expanded": count > 0,
      "aria-controls": `${id}-list`,
      "aria-activedescendant": count > 0 ? optionId(activeIndex) : undefined,
      onKeyDown,
      autoComplete: "off",
    },
    list: { id: `${id}-list`, role: "listbox" },
    option: (i: number) => ({
      id: optionId(i),
      active: activeIndex === i,
      onActivate: () => setActive(i),
      onChoose: () => onChoose(i),
    }),
  };
}
