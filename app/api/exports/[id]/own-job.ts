import type { CurrentUser } from "@/lib/auth/sessions";
import { notFound } from "@/lib/errors";
import type { ExportJobView } from "@/lib/export";

/** A job is its creator's (administrators see all); to anyone else it does not exist. */
export function ownJob<T extends Pick<ExportJobView, "createdById">>(job: T, user: CurrentUser): T {
  if (job.createdById !== user.id && user.role !== "ADMIN") throw notFound("The export job");
  return job;
}
