/**
 * Pages call `requirePage(access)` first: anonymous visitors are sent to the
 * sign-in page, users with a temporary password to the password page, and
 * users whose role lacks the permission get the 403 page.
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
