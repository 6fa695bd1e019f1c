"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/http/action";

export const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm";
export const buttonClass =
  "rounded-md border border-stone-300 bg-white px-2.5 py-1 text-sm hover:bg-stone-50 disabled:cursor-not-allowed disabled:opacity-40";
export const primaryClass = "rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60";

/** A labelled form control; the hint is read as its description, not as part of its name. */
export function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (control: { id: string; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="block text-sm">
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

export type Status = { kind: "error" | "ok"; text: string } | null;

export function StatusLine({ status }: { status: Status }) {
  if (!status) return null;
  return (
    <p
      role={status.kind === "error" ? "alert" : "status"}
      className={`mb-4 rounded-md px-3 py-2 text-sm ${status.kind === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-900"}`}
    >
      {status.text}
    </p>
  );
}

/**
 * Runs a server action, shows its error or a confirmation, and refreshes the
 * page's server data on success.
 */
export function useActionRunner() {
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const run = <T,>(fn: () => Promise<ActionResult<T>>, done: string, after?: () => void) =>
    new Promise<boolean>((resolve) => {
      startTransition(async () => {
        const result = await fn();
        if (!result.ok) {
          setStatus({ kind: "error", text: result.error.message });
          resolve(false);
          return;
        }
        setStatus({ kind: "ok", text: done });
        after?.();
        router.refresh();
        resolve(true);
      });
    });
  return { status, setStatus, pending, run };
}

export function Swatch({ color }: { color: string }) {
  return (
    <span
      aria-hidden
      className="inline-block h-4 w-4 rounded-sm border border-stone-300"
      style={{ background: color }}
    />
  );
}
