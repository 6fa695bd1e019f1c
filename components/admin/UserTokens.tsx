"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeUserTokenAction } from "@/app/(app)/admin/users/actions";
import { Time } from "@/components/ui/Time";
import { FormError } from "@/components/ui/form";

export interface UserTokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  expired: boolean;
}

/** Someone's API tokens on their admin page: what each is, and Revoke for those still working. */
export function UserTokens({ userId, tokens }: { userId: string; tokens: UserTokenRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  async function revoke(token: UserTokenRow) {
    if (!window.confirm(`Revoke the token “${token.name}”? Scripts using it stop working at once.`)) return;
    setBusy(token.id);
    setError(undefined);
    const result = await revokeUserTokenAction({ userId, tokenId: token.id });
    setBusy(undefined);
    if (!result.ok) return setError(result.error.message);
    router.refresh();
  }

  if (tokens.length === 0) return <p className="text-sm text-stone-600">No API tokens.</p>;
  return (
    <>
      <FormError error={error} />
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
          {tokens.map((t) => (
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
              <td className="py-2" data-testid="token-status">
                {t.revokedAt ? (
                  "revoked"
                ) : t.expired ? (
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
                {!t.revokedAt && !t.expired ? (
                  <button
                    type="button"
                    disabled={busy === t.id}
                    onClick={() => revoke(t)}
                    className="rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100 disabled:opacity-50"
                  >
                    Revoke
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
