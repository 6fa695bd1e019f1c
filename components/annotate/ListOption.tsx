import type { ReactNode } from "react";
import { optionClass } from "./ui";

/**
 * One option of a combobox's listbox: highlighted while active, made active
 * by the pointer, chosen by a click. Mouse-down does not take the focus, so
 * the combobox input keeps the keyboard.
 */
export function ListOption({
  id,
  active,
  onActivate,
  onChoose,
  children,
}: {
  id: string;
  active: boolean;
  onActivate: () => void;
  onChoose: () => void;
  children: ReactNode;
}) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={optionClass(active)}
      onMouseDown={(e) => e.preventDefault()}
      onMouseEnter={onActivate}
      onClick={onChoose}
    >
      {children}
    </li>
  );
}
