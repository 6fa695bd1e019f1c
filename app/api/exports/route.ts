import { db } from "@/lib/db";
import { can } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { listExportJobs, startExportJob } from "@/lib/export";
import { route } from "@/lib/http/route";
import { json } from "@/app/api/_lib/request";
import { actorOf, jobRequestSchema, readBody } from "@/app/api/export/_lib/http";

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
  const job = await startExportJob(db, request, actorOf(user!), {
    readsAllLayers: can(user, "assignment.manage"),
    annotatorEmails: can(user, "user.manage"),
    readsAgreement: can(user, "assignment.manage"),
  });
  return new Response(JSON.stringify({ job }), {
    status: 202,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "private, no-store, no-transform",
      Location: `/api/exports/${job.id}`,
    },
  });
});
