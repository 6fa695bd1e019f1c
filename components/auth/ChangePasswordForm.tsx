"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { changePasswordAction } from "@/app/(app)/account/password/actions";

export function ChangePasswordForm() {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string }>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirm") ?? "")) {
      setMessage({ kind: "error", text: "The two new passwords differ." });
      return;
    }
    setPending(true);
    const result = await changePasswordAction({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword,
    });
    setPending(false);
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      return;
    }
    setMessage({ kind: "ok", text: "Password changed. Other sessions were signed out." });
    router.push("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4">
      {(
        [
          ["currentPassword", "Current password", "current-password"],
          ["newPassword", "New password (at least 12 characters)", "new-password"],
          ["confirm", "New password again", "new-password"],
        ] as const
      ).map(([name, label, autoComplete]) => (
        <label key={name} className="block">
          <span className="text-sm font-medium">{label}</span>
          <input
            name={name}
            type="password"
            required
            autoComplete={autoComplete}
            className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2"
          />
        </label>
      ))}
      {message ? (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={message.kind === "error" ? "text-sm text-red-700" : "text-sm text-green-800"}
        >
          {message.text}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-stone-900 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
