"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { setPasswordAction } from "@/app/set-password/[token]/actions";

export function SetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirm") ?? "")) {
      setError("The two passwords differ.");
      return;
    }
    setPending(true);
    setError(undefined);
    const result = await setPasswordAction({ token, newPassword });
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    router.push("/signin?reason=password-set");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <label className="block">
        <span className="text-sm font-medium">New password (at least 12 characters)</span>
        <input
          name="newPassword"
          type="password"
          required
          minLength={12}
          autoComplete="new-password"
          autoFocus
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2"
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium">New password again</span>
        <input
          name="confirm"
          type="password"
          required
          autoComplete="new-password"
          className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2"
        />
      </label>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-stone-900 px-4 py-2 font-medium text-white hover:bg-stone-700 disabled:opacity-60"
      >
        {pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
