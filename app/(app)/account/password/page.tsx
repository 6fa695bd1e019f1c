import type { Metadata } from "next";
import { requirePage } from "@/lib/http/page";
import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const user = await requirePage({ permission: "account.self" });
  return (
    <main className="mx-auto max-w-md px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Change your password</h1>
      {user.mustSetPassword ? (
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          You signed in with a temporary password. Choose your own to continue.
        </p>
      ) : null}
      <ChangePasswordForm />
    </main>
  );
}
