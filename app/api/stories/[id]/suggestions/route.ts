import { storySuggestions } from "@/lib/annotation/suggestions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { json, pathId, queryId } from "@/app/api/_lib/request";

/** Other mentions of an entity in every version of the story, not yet covered and not rejected by this editor. */
export const GET = route<{ id: string }>({ permission: "story.read" }, async (req, { params, user }) => {
  const storyId = pathId(params.id, "The story");
  const entityId = queryId(req, "entityId");
  if (!entityId) throw new AppError("INVALID_INPUT", "entityId is required.", 400);
  return json({ suggestions: await storySuggestions(db, user!, storyId, entityId) });
});
