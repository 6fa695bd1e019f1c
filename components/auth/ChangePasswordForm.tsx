"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { changePasswordAction } from "@/app/(app)/account/password/actions";
import { FormMessage, SubmitButton, fieldClass } from "@/components/ui/form";

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
    setMessage({
      kind: "ok",
      text: `Password changed. ${result.data.sessionsEnded} other session(s) signed out, ${result.data.tokensRevoked} API token(s) revoked.`,
    });
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
          <input name={name} type="password" required autoComplete={autoComplete} className={fieldClass} />
        </label>
      ))}
      <FormMessage message={message} />
      <SubmitButton pending={pending} busy="Saving…">
        Change password
      </SubmitButton>
    </form>
  );
}
