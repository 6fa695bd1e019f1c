import { can } from "../authz/policy";
import type { CurrentUser } from "../auth/sessions";
import type { Actor } from "./assignments";

/** The assignment actor for a signed-in user. */
export function assignmentActor(user: CurrentUser): Actor {
  return { id: user.id, email: user.email, canManage: can(user, "assignment.manage") };
}
