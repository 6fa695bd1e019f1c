import { createEntity, searchEntities } from "@/lib/annotation/entities";
import { entityCreateInput } from "@/lib/annotation/schemas";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { body, json, queryId, queryLimit } from "@/app/api/_lib/request";

/** Entities whose name or alias contains q (accent- and case-insensitive, any script), best matches first. */
export const GET = route({ permission: "story.read" }, async (req) => {
  const params = req.nextUrl.searchParams;
  const entities = await searchEntities(db, {
    q: params.get("q") ?? "",
    language: params.get("language") ?? undefined,
    label: params.get("label") ?? undefined,
    storyId: queryId(req, "storyId"),
    limit: queryLimit(req),
  });
  return json({ entities });
});

export const POST = route({ permission: "annotation.write" }, async (req) => {
  const entity = await createEntity(db, await body(req, entityCreateInput));
  return json({ entity }, 201);
});
