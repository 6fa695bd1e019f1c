/**
 * Checks on one object, after the permission table has let the request in:
 * whether this user may see this particular row. A row someone may not see
 * does not exist for them (404, not 403), so ids cannot be probed.
 */
import type { Role } from "../generated/prisma/enums";
import { notFound } from "../errors";

export interface Owner {
  id: string;
  role: Role;
}

/** A background job (export or import) is its creator's; administrators see every job. */
function ownJob<T extends { createdById: string | null }>(job: T, user: Owner, what: string): T {
  if (job.createdById !== user.id && user.role !== "ADMIN") throw notFound(what);
  return job;
}

export const ownExportJob = <T extends { createdById: string | null }>(job: T, user: Owner): T =>
  ownJob(job, user, "The export job");

export const ownImportJob = <T extends { createdById: string | null }>(job: T, user: Owner): T =>
  ownJob(job, user, "The import job");

/**
 * An assignment is its annotator's; whoever may manage assignments
 * (assignment.manage, in `canManage`) may act on every one.
 */
export function ownAssignment<T extends { userId: string }>(
  assignment: T | null,
  user: { id: string; canManage: boolean },
): T {
  if (!assignment || (assignment.userId !== user.id && !user.canManage)) throw notFound("The assignment");
  return assignment;
}
