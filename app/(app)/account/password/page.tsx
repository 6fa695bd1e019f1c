import type { Metadata } from "next";
import { requirePage } from "@/lib/http/page";
import { AccountNav } from "@/components/account/AccountNav";
import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const user = await requirePage({ permission: "account.password" });
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      {user.mustSetPassword ? null : (
        <>
          <h1 className="mb-6 text-2xl font-semibold tracking-tight">Your account</h1>
          <AccountNav current="/account/password" />
        </>
      )}
      <h2 className="text-xl font-semibold tracking-tight">Change your password</h2>
      {user.mustSetPassword ? (
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          You signed in with a temporary password. Choose your own to continue.
        </p>
      ) : null}
      <p className="mt-2 text-sm text-stone-600">
        Changing it signs you out of your other sessions and revokes your API tokens.
      </p>
      <div className="max-w-md">
        <ChangePasswordForm />
      </div>
    </main>
  );
}
