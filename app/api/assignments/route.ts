import { listAssignments } from "@/lib/assignments/assignments";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { json } from "@/app/api/_lib/request";

/** My work: the caller's assignments with status and span counts. */
export const GET = route({ permission: "annotation.write" }, async (_req, { user }) => {
  return json({ assignments: await listAssignments(db, { userId: user!.id }) });
});
