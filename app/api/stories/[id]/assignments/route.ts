import { assign, listAssignments } from "@/lib/assignments/assignments";
import { assignmentActor } from "@/lib/assignments/actor";
import { assignBody } from "@/lib/assignments/schemas";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { body, json, pathId } from "@/app/api/_lib/request";

/** Who has which language version of the story, how, and how far they are. */
export const GET = route<{ id: string }>({ permission: "story.read" }, async (_req, { params }) => {
  return json({ assignments: await listAssignments(db, { storyId: pathId(params.id, "The story") }) });
});

/** Assigns language versions (all when `languages` is empty) to annotators, collaboratively or independently. */
export const POST = route<{ id: string }>({ permission: "assignment.manage" }, async (req, { params, user }) => {
  const input = await body(req, assignBody);
  const assignments = await assign(db, assignmentActor(user!), { storyId: pathId(params.id, "The story"), ...input });
  return json({ assignments }, 201);
});
