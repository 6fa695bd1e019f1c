import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { SignInForm } from "@/components/auth/SignInForm";

export const metadata: Metadata = { title: "Sign in" };

/** Same-site paths only: an open redirect would let a link send people elsewhere after sign-in. */
function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallback(callbackUrl);
  if (await getCurrentUser()) redirect(target);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Parallax</h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">Use the e-mail and password your administrator gave you.</p>
      <SignInForm callbackUrl={target} initialError={error && error !== "undefined" ? error : undefined} />
    </main>
  );
}
