import type { Metadata } from "next";
import Link from "next/link";
import { findUsablePasswordToken } from "@/lib/auth/password-tokens";
import { db } from "@/lib/db";
import { SetPasswordForm } from "@/components/auth/SetPasswordForm";

export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };

// Public: the one-time token in the URL is the credential (checked again when the form is sent).
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const row = await findUsablePasswordToken(db, token);
  return (
    <main
      id="content"
      tabIndex={-1}
      className="outline-none mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6"
    >
      {row ? (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">
            {row.purpose === "SETUP" ? "Welcome to Parallax" : "Choose a new password"}
          </h1>
          <p className="mt-1 mb-6 text-sm text-stone-600">
            Set the password for <span className="font-medium text-stone-900">{row.user.email}</span>. This link works
            once.
          </p>
          <SetPasswordForm token={token} />
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold tracking-tight">This link cannot be used</h1>
          <p className="mt-3 text-stone-600" role="alert">
            It was already used, replaced by a newer link, or has expired. Ask an administrator for a new one.
          </p>
          <Link href="/signin" className="mt-6 text-blue-700 underline">
            Go to sign-in
          </Link>
        </>
      )}
    </main>
  );
}
