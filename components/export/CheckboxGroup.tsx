"use client";

/** A labelled group of checkboxes over string values (multi-select, keyboard operable). */
export function CheckboxGroup({
  legend,
  options,
  chosen,
  onChange,
  hint,
  langOf,
}: {
  legend: string;
  options: { value: string; label: string }[];
  chosen: string[];
  onChange: (values: string[]) => void;
  hint?: string;
  langOf?: (value: string) => string | undefined;
}) {
  const toggle = (value: string, on: boolean) => onChange(on ? [...chosen, value] : chosen.filter((v) => v !== value));
  return (
    <fieldset className="min-w-0 text-sm">
      <legend className="font-medium">
        {legend}
        {chosen.length ? <span className="ml-1 font-normal text-stone-500">({chosen.length} chosen)</span> : null}
      </legend>
      {hint ? <p className="text-xs text-stone-500">{hint}</p> : null}
      {options.length === 0 ? (
        <p className="mt-1 text-stone-500">None yet</p>
      ) : (
        <ul className="mt-1 max-h-44 space-y-1 overflow-y-auto pr-1">
          {options.map((o) => (
            <li key={o.value}>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={chosen.includes(o.value)}
                  onChange={(e) => toggle(o.value, e.currentTarget.checked)}
                />
                <span lang={langOf?.(o.value)} dir="auto" className="min-w-0 [overflow-wrap:anywhere]">
                  {o.label}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
