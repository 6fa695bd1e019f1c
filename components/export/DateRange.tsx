"use client";

import { useId } from "react";
import type { RangeState } from "./filter-state";
import { inputClass } from "./ui";

/** Two date inputs, both optional; dates are whole days in UTC, `to` included. */
export function DateRange({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: RangeState;
  onChange: (value: RangeState) => void;
}) {
  const id = useId();
  return (
    <fieldset className="min-w-0 text-sm">
      <legend className="font-medium">{legend}</legend>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${id}-from`} className="text-stone-600">
            From
          </label>
          <input
            id={`${id}-from`}
            type="date"
            value={value.from}
            onChange={(e) => onChange({ ...value, from: e.currentTarget.value })}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor={`${id}-to`} className="text-stone-600">
            To
          </label>
          <input
            id={`${id}-to`}
            type="date"
            value={value.to}
            onChange={(e) => onChange({ ...value, to: e.currentTarget.value })}
            className={inputClass}
          />
        </div>
      </div>
    </fieldset>
  );
}
