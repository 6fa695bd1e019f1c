import type { ReactNode } from "react";

/** The text input style of the app's forms. */
export const fieldClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2";

/** The same, as wide as its content: a select or a short filter beside others in a row. */
export const inlineFieldClass = "mt-1 block rounded-md border border-stone-300 bg-white px-3 py-2";

/** A control inside its label, the label's text on a line above it. */
export function FieldLabel({ text, className, children }: { text: string; className?: string; children: ReactNode }) {
  return (
    <label className={className}>
      <span className="font-medium">{text}</span>
      {children}
    </label>
  );
}

/** A form's primary button; says what it is doing while the form is pending. */
export function SubmitButton({
  pending,
  busy,
  children,
  wide = false,
}: {
  pending: boolean;
  busy: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`${wide ? "w-full " : ""}rounded-md bg-stone-900 px-4 py-2 font-medium text-white hover:bg-stone-700 disabled:opacity-60`}
    >
      {pending ? busy : children}
    </button>
  );
}

/** An error announced to screen readers as it appears. */
export function FormError({ error, id }: { error: string | null | undefined; id?: string }) {
  if (!error) return null;
  return (
    <p id={id} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {error}
    </p>
  );
}

export type FormMessageValue = { kind: "error" | "ok"; text: string } | null | undefined;

/** The outcome of an action: an alert when it failed, a status when it worked. */
export function FormMessage({ message }: { message: FormMessageValue }) {
  if (!message) return null;
  return (
    <p
      role={message.kind === "error" ? "alert" : "status"}
      className={message.kind === "error" ? "text-sm text-red-700" : "text-sm text-green-800"}
    >
      {message.text}
    </p>
  );
}
