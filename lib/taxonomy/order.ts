/** Moving an item one place up or down in an admin-ordered list. */
import type { MoveDirection } from "./schemas";

/**
 * The new order of `ids` (currently in display order) after moving `id` one
 * place; unchanged at either end.
 */
export function moved(ids: readonly string[], id: string, direction: MoveDirection): string[] {
  const out = [...ids];
  const at = out.indexOf(id);
  const to = direction === "up" ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= out.length) return out;
  [out[at], out[to]] = [out[to]!, out[at]!];
  return out;
}
