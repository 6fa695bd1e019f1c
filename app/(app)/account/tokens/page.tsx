import type { Metadata } from "next";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { AccountNav } from "@/components/account/AccountNav";
import { TokenManager } from "@/components/account/TokenManager";
import { tokenRows } from "@/components/account/token-rows";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const me = await requirePage({ permission: "account.self" });
  const tokens = await listApiTokens(db, me.id);
  const now = new Date();
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Your account</h1>
      <AccountNav current="/account/tokens" />
      <p className="mb-6 text-sm text-stone-600">
        Personal access tokens let scripts use the import and export APIs as you: send{" "}
        <code className="rounded bg-stone-100 px-1">Authorization: Bearer plx_…</code>. A token can do what your role (
        <span className="font-medium">{me.role.toLowerCase()}</span>) allows, and nothing once you are disabled. Check
        one with <code className="rounded bg-stone-100 px-1">GET /api/me</code>.
      </p>
      <TokenManager tokens={tokenRows(tokens, now)} />
    </main>
  );
}
