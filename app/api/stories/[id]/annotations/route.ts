import { storyAnnotations } from "@/lib/annotation/story-annotations";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { json, pathId } from "@/app/api/_lib/request";

/** The story sidebar: its entities and claims, each with its spans per language. */
export const GET = route<{ id: string }>({ permission: "story.read" }, async (_req, { params, user }) => {
  return json(await storyAnnotations(db, pathId(params.id, "The story"), user));
});
