"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  changeRoleAction,
  resetPasswordAction,
  setDisabledAction,
  unlockSignInAction,
} from "@/app/(app)/admin/users/actions";
import { OneTimeSecret } from "@/components/ui/OneTimeSecret";
import { FieldLabel, FormMessage, inlineFieldClass } from "@/components/ui/form";

type Role = "ADMIN" | "EDITOR" | "VIEWER";

export function UserControls({
  user,
  isSelf,
}: {
  user: { id: string; email: string; role: Role; disabled: boolean };
  isSelf: boolean;
}) {
  const router = useRouter();
  const [role, setRole] = useState<Role>(user.role);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string }>();
  const [link, setLink] = useState<string>();
  const [pending, setPending] = useState(false);

  async function run<T>(
    call: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>,
    ok: (data: T) => string,
  ) {
    setPending(true);
    setMessage(undefined);
    const result = await call();
    setPending(false);
    if (!result.ok) {
      setMessage({ kind: "error", text: result.error.message });
      setRole(user.role);
      return;
    }
    setMessage({ kind: "ok", text: ok(result.data) });
    router.refresh();
  }

  return (
    <section aria-labelledby="manage" className="mt-8 space-y-4 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="manage" className="text-lg font-medium">
        Manage
      </h2>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <FieldLabel text="Role">
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} className={inlineFieldClass}>
            <option value="VIEWER">viewer</option>
            <option value="EDITOR">editor</option>
            <option value="ADMIN">admin</option>
          </select>
        </FieldLabel>
        <button
          type="button"
          disabled={pending || role === user.role}
          onClick={() =>
            run(
              () => changeRoleAction({ userId: user.id, role }),
              () => `Role changed to ${role.toLowerCase()}. It applies on their next click.`,
            )
          }
          className="rounded-md bg-stone-900 px-4 py-2 font-medium text-white hover:bg-stone-700 disabled:opacity-60"
        >
          Change role
        </button>
      </div>
      <div className="flex flex-wrap gap-3 text-sm">
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            const verb = user.disabled ? "Enable" : "Disable";
            if (!user.disabled && !window.confirm(`Disable ${user.email}? They are signed out everywhere at once.`))
              return;
            void run(
              () => setDisabledAction({ userId: user.id, disabled: !user.disabled }),
              (d) => `${verb}d${d.sessionsEnded ? `; ${d.sessionsEnded} session(s) ended` : ""}.`,
            );
          }}
          className={`rounded-md px-4 py-2 font-medium disabled:opacity-60 ${
            user.disabled ? "border border-stone-300 hover:bg-stone-100" : "bg-red-700 text-white hover:bg-red-800"
          }`}
        >
          {user.disabled ? "Enable account" : isSelf ? "Disable my account" : "Disable account"}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            run(
              () => unlockSignInAction({ userId: user.id }),
              (d) =>
                d.countersCleared
                  ? `Sign-in unlocked: failed attempts forgotten (${d.countersCleared} counter(s) cleared).`
                  : "Sign-in was not throttled; nothing to unlock.",
            )
          }
          className="rounded-md border border-stone-300 px-4 py-2 hover:bg-stone-100 disabled:opacity-60"
        >
          Unlock sign-in
        </button>
        {/* Your own password is changed under Account, not reset. */}
        {!user.disabled && !isSelf ? (
          <button
            type="button"
            disabled={pending}
            onClick={() => {
              if (
                !window.confirm(
                  `Reset the password of ${user.email}? Their current password stops working, they are signed out everywhere and their API tokens are revoked.`,
                )
              )
                return;
              void run(
                () => resetPasswordAction({ userId: user.id }),
                (d) => {
                  setLink(d.link);
                  return `Password reset; ${d.sessionsEnded} session(s) ended, ${d.tokensRevoked} API token(s) revoked.`;
                },
              );
            }}
            className="rounded-md border border-stone-300 px-4 py-2 hover:bg-stone-100 disabled:opacity-60"
          >
            Reset password
          </button>
        ) : null}
      </div>
      <FormMessage message={message} />
      {link ? (
        <OneTimeSecret
          label={`Set-password link for ${user.email}`}
          value={link}
          note="Send this link to the person. It works once, for 24 hours, and is shown only now."
          onDismiss={() => setLink(undefined)}
        />
      ) : null}
    </section>
  );
}
