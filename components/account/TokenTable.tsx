"use client";
/**
 * A list of API tokens with Revoke for those still working: one table for a
 * user's own tokens (account) and for someone's tokens on their admin page;
 * only the revoke action differs.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/http/action";
import { Time } from "@/components/ui/Time";
import { FormError } from "@/components/ui/form";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  expired: boolean;
}

/** A name chosen by a user, isolated in plain text (a dialog) as <bdi> isolates it in markup. */
export const isolated = (name: string): string => `\u2068${name}\u2069`;

/** Revoking with a confirmation, the pending row and the error; the page is refreshed after. */
export function useRevoke(revoke: (token: TokenRow) => Promise<ActionResult<unknown>>) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const onRevoke = async (token: TokenRow) => {
    if (!window.confirm(`Revoke the token “${isolated(token.name)}”? Scripts using it stop working at once.`)) return;
    setBusy(token.id);
    setError(undefined);
    const result = await revoke(token);
    setBusy(undefined);
    if (!result.ok) return setError(result.error.message);
    router.refresh();
  };
  return { error, busy, onRevoke };
}

function status(t: TokenRow) {
  if (t.revokedAt) return "revoked";
  if (t.expired) return "expired";
  if (!t.expiresAt) return "active";
  return (
    <>
      until <Time value={t.expiresAt} />
    </>
  );
}

export function TokenTable({
  tokens,
  empty,
  error,
  busy,
  onRevoke,
}: {
  tokens: TokenRow[];
  empty: string;
  error?: string;
  busy?: string;
  onRevoke: (token: TokenRow) => void;
}) {
  if (tokens.length === 0) return <p className="text-sm text-stone-600">{empty}</p>;
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
              <td className="py-2">
                <bdi>{t.name}</bdi>
              </td>
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
                {status(t)}
              </td>
              <td className="py-2 text-right">
                {!t.revokedAt && !t.expired ? (
                  <button
                    type="button"
                    disabled={busy === t.id}
                    onClick={() => onRevoke(t)}
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
