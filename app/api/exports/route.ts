import { db } from "@/lib/db";
import { can } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { listExportJobs } from "@/lib/export";
import { route } from "@/lib/http/route";
import { json } from "@/app/api/_lib/request";
import { acceptExportJob, jobRequestSchema, readBody } from "@/app/api/export/_lib/http";

/** The caller's recent export jobs, newest first. */
export const GET = route({ permission: "export.run" }, async (_req, { user }) => {
  return json({ jobs: await listExportJobs(db, { createdById: user!.id }) });
});

/**
 * Starts an export as a background job: 202 with the job, whose progress
 * GET /api/exports/{id} reports. With `snapshot: {name}` the result is frozen
 * as a dataset snapshot (editors and admins).
 */
export const POST = route({ permission: "export.run" }, async (req, { user }) => {
  const request = await readBody(req, jobRequestSchema);
  if (request.snapshot && !can(user, "snapshot.create")) {
    throw new AppError("FORBIDDEN", "Your role does not allow creating dataset snapshots.", 403);
  }
  return acceptExportJob(request, user!);
});
