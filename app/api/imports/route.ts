import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { listImportJobs } from "@/lib/import/jobs";
import { json } from "@/app/api/_lib/request";

/** The caller's recent import jobs, newest first, each with its progress or report. */
export const GET = route({ permission: "article.import" }, async (_req, { user }) => {
  return json({ jobs: await listImportJobs(db, { createdById: user!.id }) });
});
