/** Shared Tailwind classes of the annotation panels (stone palette, rounded borders, as the admin pages). */
export const panelClass = "rounded-lg border border-stone-300 bg-white p-3 text-sm shadow-sm";
export const inputClass =
  "mt-1 block w-full rounded-md border border-stone-300 bg-white px-2.5 py-1.5 text-sm focus-visible:outline-blue-600";
export const buttonClass =
  "rounded-md border border-stone-300 bg-white px-2.5 py-1 text-sm hover:bg-stone-50 disabled:cursor-not-allowed disabled:opacity-40";
export const primaryClass =
  "rounded-md bg-stone-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-stone-800 disabled:opacity-60";
export const optionClass = (active: boolean) =>
  `flex cursor-pointer items-center gap-2 rounded px-2 py-1 ${active ? "bg-blue-50 ring-1 ring-blue-600" : "hover:bg-stone-50"}`;
export const kbdClass = "rounded border border-stone-300 bg-stone-50 px-1 font-mono text-xs text-stone-600";
/** A card in a panel's list (a span, an entity, a claim), outlined in blue when it is the current one. */
export const cardClass = (current: boolean) =>
  `rounded-md border p-2 ${current ? "border-blue-600" : "border-stone-200"}`;
/** A label's color as a small square beside its name; decorative, so the name says it. */
export const swatchClass = "inline-block h-2.5 w-2.5 rounded-sm";
