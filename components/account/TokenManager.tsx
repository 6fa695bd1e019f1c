"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/(app)/account/tokens/actions";
import { OneTimeSecret } from "@/components/ui/OneTimeSecret";
import { TokenTable, isolated, useRevoke, type TokenRow } from "./TokenTable";
import { FormError, SubmitButton, fieldClass, inlineFieldClass } from "@/components/ui/form";

const EXPIRY = [
  ["30", "30 days"],
  ["90", "90 days"],
  ["365", "1 year"],
  ["7", "7 days"],
  ["never", "never"],
] as const;

export function TokenManager({ tokens }: { tokens: TokenRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string }>();

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const expiry = String(form.get("expiresIn"));
    setPending(true);
    setError(undefined);
    const result = await createTokenAction({
      name: String(form.get("name") ?? ""),
      expiresInDays: expiry === "never" ? null : (Number(expiry) as 7 | 30 | 90 | 365),
    });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setCreated({ name: String(form.get("name")), token: result.data.token });
    formElement.reset();
    router.refresh();
  }

  const revoke = useRevoke((t) => revokeTokenAction({ tokenId: t.id }));

  return (
    <div className="space-y-8">
      <form
        onSubmit={onCreate}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4"
      >
        <label className="flex-1">
          <span className="text-sm font-medium">Token name</span>
          <input name="name" required maxLength={100} placeholder="e.g. nightly export" className={fieldClass} />
        </label>
        <label>
          <span className="text-sm font-medium">Expires after</span>
          <select name="expiresIn" className={inlineFieldClass}>
            {EXPIRY.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <SubmitButton pending={pending} busy="Creating…">
          Create token
        </SubmitButton>
      </form>
      <FormError error={error} />
      {created ? (
        <OneTimeSecret
          label={`Token “${isolated(created.name)}”`}
          value={created.token}
          note="Copy it now: it is shown only this once and cannot be recovered."
          onDismiss={() => setCreated(undefined)}
        />
      ) : null}
      <TokenTable tokens={tokens} empty="You have no tokens." {...revoke} />
    </div>
  );
}
