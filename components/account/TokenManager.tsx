"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/(app)/account/tokens/actions";
import { Time } from "@/components/ui/Time";
import { OneTimeSecret } from "@/components/ui/OneTimeSecret";
import { FormError, SubmitButton, fieldClass } from "@/components/ui/form";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  expired: boolean;
}

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

  async function revoke(id: string, name: string) {
    if (!window.confirm(`Revoke the token “${name}”? Scripts using it stop working at once.`)) return;
    const result = await revokeTokenAction({ tokenId: id });
    if (!result.ok) return setError(result.error.message);
    router.refresh();
  }

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
          <select name="expiresIn" className="mt-1 block rounded-md border border-stone-300 bg-white px-3 py-2">
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
          label={`Token “${created.name}”`}
          value={created.token}
          note="Copy it now: it is shown only this once and cannot be recovered."
          onDismiss={() => setCreated(undefined)}
        />
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-stone-600">You have no tokens.</p>
      ) : (
        <table className="w-full text-left text-sm" aria-label="API tokens">
          <thead className="text-stone-600">
            <tr>
              <th className="py-2 font-medium">Name</th>
              <th className="py-2 font-medium">Token</th>
              <th className="py-2 font-medium">Created</th>
              <th className="py-2 font-medium">Last used</th>
              <th className="py-2 font-medium">Status</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {tokens.map((t) => {
              const { expired } = t;
              return (
                <tr key={t.id}>
                  <td className="py-2">{t.name}</td>
                  <td className="py-2">
                    <code>{t.prefix}…</code>
                  </td>
                  <td className="py-2">
                    <Time value={t.createdAt} />
                  </td>
                  <td className="py-2">
                    <Time value={t.lastUsedAt} empty="never" />
                  </td>
                  <td className="py-2">
                    {t.revokedAt ? (
                      "revoked"
                    ) : expired ? (
                      "expired"
                    ) : t.expiresAt ? (
                      <>
                        until <Time value={t.expiresAt} />
                      </>
                    ) : (
                      "active"
                    )}
                  </td>
                  <td className="py-2 text-right">
                    {!t.revokedAt && !expired ? (
                      <button
                        type="button"
                        onClick={() => revoke(t.id, t.name)}
                        className="rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100"
                      >
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
