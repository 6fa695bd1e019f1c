import { spanHistory } from "@/lib/annotation/history";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { json, pathId } from "@/app/api/_lib/request";

/** Who changed the span, what, and when: one entry per applied mutation, oldest first. */
export const GET = route<{ id: string }>({ permission: "story.read" }, async (_req, { params, user }) => {
  return json({ history: await spanHistory(db, pathId(params.id, "The span"), user) });
});
