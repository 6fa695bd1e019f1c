import { getEntity, updateEntity } from "@/lib/annotation/entities";
import { entityUpdateInput } from "@/lib/annotation/schemas";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { body, json, pathId } from "@/app/api/_lib/request";

export const GET = route<{ id: string }>({ permission: "story.read" }, async (_req, { params }) => {
  return json({ entity: await getEntity(db, pathId(params.id, "The entity")) });
});

/** Name, type, Wikidata ID, description, aliases (replace, add, remove). A new type is carried to its spans. */
export const PATCH = route<{ id: string }>({ permission: "annotation.write" }, async (req, { params, user }) => {
  const id = pathId(params.id, "The entity");
  const entity = await updateEntity(db, user!, id, await body(req, entityUpdateInput));
  return json({ entity });
});
