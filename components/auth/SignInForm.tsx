"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormError, SubmitButton, fieldClass } from "@/components/ui/form";

export function SignInForm({
  callbackUrl,
  initialError,
  ssoName,
}: {
  callbackUrl: string;
  initialError?: string;
  /** Set when single sign-on is configured: the provider's display name. */
  ssoName?: string;
}) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error ?? "Sign-in failed. Please try again.");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      {ssoName ? (
        <>
          <button
            type="button"
            onClick={() => {
              setPending(true);
              void signIn("oidc", { callbackUrl });
            }}
            disabled={pending}
            className="w-full rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100 disabled:opacity-60"
          >
            Sign in with {ssoName}
          </button>
          <p className="flex items-center gap-3 text-xs text-stone-500 before:h-px before:flex-1 before:bg-stone-200 after:h-px after:flex-1 after:bg-stone-200">
            or with your password
          </p>
        </>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-4" aria-describedby={error ? "signin-error" : undefined}>
        <label className="block">
          <span className="text-sm font-medium">E-mail</span>
          <input name="email" type="email" autoComplete="username" required autoFocus className={fieldClass} />
        </label>
        <label className="block">
          <span className="text-sm font-medium">Password</span>
          <input name="password" type="password" autoComplete="current-password" required className={fieldClass} />
        </label>
        <FormError error={error} id="signin-error" />
        <SubmitButton pending={pending} busy="Signing in…" wide>
          Sign in
        </SubmitButton>
      </form>
    </div>
  );
}
