/**
 * Pages call `requirePage(access)` first: anonymous visitors are sent to the
 * sign-in page, users with a temporary password to the password page, and
 * users whose role lacks the permission get the 403 page.
 *
 * `generateMetadata` runs alongside the page (and may be streamed before the
 * page's redirect), so it checks with `pageAllows(access)` and, for a caller
 * who may not see the page, describes it only by what is true of every key:
 * no title, and nothing that tells an existing key from an unknown one.
 */
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getCurrentUser } from "../auth/current-user";
import type { CurrentUser } from "../auth/sessions";
import { decide, type Access } from "./access";

export async function requirePage(access: Exclude<Access, "public">): Promise<CurrentUser> {
  const user = await getCurrentUser();
  switch (decide(access, user)) {
    case "unauthenticated": {
      const path = (await headers()).get("x-parallax-path") ?? "/";
      redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
    }
    // falls through (redirect never returns)
    case "password-change-required":
      redirect("/account/password");
    // falls through
    case "forbidden":
      forbidden();
    // falls through
    case "allow":
      return user!;
  }
}

/** Whether the current caller may see a page with `access`, without redirecting: for generateMetadata. */
export async function pageAllows(access: Exclude<Access, "public">): Promise<CurrentUser | null> {
  const user = await getCurrentUser();
  return decide(access, user) === "allow" ? user : null;
}
