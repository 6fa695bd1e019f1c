"use client";

import { revokeUserTokenAction } from "@/app/(app)/admin/users/actions";
import { TokenTable, useRevoke, type TokenRow } from "@/components/account/TokenTable";

export type UserTokenRow = TokenRow;

/** Someone's API tokens on their admin page: what each is, and Revoke for those still working. */
export function UserTokens({ userId, tokens }: { userId: string; tokens: TokenRow[] }) {
  const revoke = useRevoke((t) => revokeUserTokenAction({ userId, tokenId: t.id }));
  return <TokenTable tokens={tokens} empty="No API tokens." {...revoke} />;
}
