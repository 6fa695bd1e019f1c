import { useId, type ReactNode } from "react";

export interface LabelledControlProps {
  label: string;
  hint?: string;
  className?: string;
  /** Renders the control with the id its label points at (and the hint's id, if any). */
  children: (control: { id: string; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled form control; the hint is read as its description, not as part of its name. */
export function LabelledControl({ label, hint, className, children }: LabelledControlProps) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="ml-1 text-stone-500">
          ({hint})
        </span>
      ) : null}
      {children({ id, ...(hint ? { "aria-describedby": `${id}-hint` } : {}) })}
    </div>
  );
}
