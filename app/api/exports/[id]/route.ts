import { db } from "@/lib/db";
import { getExportJob } from "@/lib/export";
import { route } from "@/lib/http/route";
import { json } from "@/app/api/_lib/request";
import { ownExportJob } from "@/lib/authz/objects";

/** An export job's status and progress (poll it); when DONE, its result and file. */
export const GET = route<{ id: string }>({ permission: "export.run" }, async (_req, { user, params }) => {
  const job = ownExportJob(await getExportJob(db, params.id), user!);
  return json({
    job,
    ...(job.status === "DONE" && !job.result?.snapshotId && { file: `/api/exports/${job.id}/file` }),
    ...(job.result?.snapshotId && { dataset: `/api/datasets/${job.result.snapshotId}` }),
  });
});
