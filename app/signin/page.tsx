import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sameOriginPath } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/auth/current-user";
import { oidcConfig } from "@/lib/auth/oidc-config";
import { SSO_MESSAGES, type SsoRefusal } from "@/lib/auth/sso";
import { SignInForm } from "@/components/auth/SignInForm";

export const metadata: Metadata = { title: "Sign in" };

/**
 * Messages for the error codes next-auth and our SSO callback put in the URL.
 * Only known codes are shown: the page never echoes text from the link.
 */
function errorMessage(code: string | undefined): string | undefined {
  if (!code || code === "undefined") return undefined;
  if (code in SSO_MESSAGES) return SSO_MESSAGES[code as SsoRefusal];
  if (code === "SessionRequired") return "Sign in to continue.";
  if (code.startsWith("OAuth") || code === "Callback" || code === "AccessDenied") {
    return "Single sign-on did not complete. Please try again; if it keeps failing, ask an administrator.";
  }
  return "Sign-in failed. Please try again.";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; reason?: string }>;
}) {
  const { callbackUrl, error, reason } = await searchParams;
  // Same-site paths only: an open redirect would let a link send people elsewhere after sign-in.
  const target = sameOriginPath(callbackUrl);
  if (await getCurrentUser()) redirect(target);
  const sso = oidcConfig();
  return (
    <main
      id="content"
      tabIndex={-1}
      className="outline-none mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6"
    >
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Parallax</h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">Use the e-mail and password your administrator gave you.</p>
      {reason === "password-set" ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">
          Your password is set. Sign in with it now.
        </p>
      ) : null}
      <SignInForm callbackUrl={target} initialError={errorMessage(error)} ssoName={sso?.name} />
    </main>
  );
}
