import type { CurrentUser } from "../auth/sessions";
import { can, type Permission } from "../authz/policy";

/**
 * The authorization rule attached to every page, server action and route
 * handler: open to anyone, to any signed-in user, or to holders of a permission.
 */
export type Access = "public" | "signed-in" | { permission: Permission };

export type AccessDecision = "allow" | "unauthenticated" | "forbidden" | "password-change-required";

export function decide(access: Access, user: CurrentUser | null): AccessDecision {
  if (access === "public") return "allow";
  if (!user) return "unauthenticated";
  // Until a temporary password is replaced, nothing else may be done: a
  // browser session may only change it, and the owner's API tokens do nothing.
  if (user.mustSetPassword && !(user.via === "session" && isPasswordChange(access))) {
    return "password-change-required";
  }
  if (access === "signed-in") return "allow";
  return can(user, access.permission) ? "allow" : "forbidden";
}

function isPasswordChange(access: Access): boolean {
  return typeof access === "object" && access.permission === "account.password";
}

export function describeAccess(access: Access): string {
  return typeof access === "string" ? access : access.permission;
}
