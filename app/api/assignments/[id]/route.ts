import { reassign, setAssignmentStatus } from "@/lib/assignments/assignments";
import { assignmentActor } from "@/lib/assignments/actor";
import { assignmentPatch } from "@/lib/assignments/schemas";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { body, json, pathId } from "@/app/api/_lib/request";

/**
 * { status: "DONE" | "IN_PROGRESS" }: mark done or reopen (the annotator, or an
 * editor/admin); { userId }: reassign (assignment.manage). Both audited.
 */
export const PATCH = route<{ id: string }>({ permission: "annotation.write" }, async (req, { params, user }) => {
  const id = pathId(params.id, "The assignment");
  const patch = await body(req, assignmentPatch);
  const actor = assignmentActor(user!);
  const assignment =
    "status" in patch
      ? await setAssignmentStatus(db, actor, id, patch.status)
      : await reassign(db, actor, id, patch.userId);
  return json({ assignment });
});
