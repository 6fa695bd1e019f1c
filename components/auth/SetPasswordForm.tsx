"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { setPasswordAction } from "@/app/set-password/[token]/actions";
import { FormError, SubmitButton, fieldClass } from "@/components/ui/form";

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
          className={fieldClass}
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium">New password again</span>
        <input name="confirm" type="password" required autoComplete="new-password" className={fieldClass} />
      </label>
      <FormError error={error} />
      <SubmitButton pending={pending} busy="Saving…" wide>
        Set password
      </SubmitButton>
    </form>
  );
}
