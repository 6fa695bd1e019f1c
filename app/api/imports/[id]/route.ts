import { db } from "@/lib/db";
import { ownImportJob } from "@/lib/authz/objects";
import { route } from "@/lib/http/route";
import { getImportJob } from "@/lib/import/jobs";
import { json } from "@/app/api/_lib/request";

/**
 * An import job: status and progress while it runs (poll it), its report
 * when DONE, the error and what was written before it when FAILED. A job is
 * its creator's (administrators see all); to anyone else it does not exist.
 */
export const GET = route<{ id: string }>({ permission: "article.import" }, async (_req, { user, params }) => {
  const job = ownImportJob(await getImportJob(db, params.id), user!);
  return json({ job });
});
