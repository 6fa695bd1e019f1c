import { getClaim, updateClaim } from "@/lib/annotation/claims";
import { claimUpdateInput } from "@/lib/annotation/schemas";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { body, json, pathId } from "@/app/api/_lib/request";

export const GET = route<{ id: string }>({ permission: "story.read" }, async (_req, { params }) => {
  return json({ claim: await getClaim(db, pathId(params.id, "The claim")) });
});

export const PATCH = route<{ id: string }>({ permission: "annotation.write" }, async (req, { params }) => {
  const id = pathId(params.id, "The claim");
  return json({ claim: await updateClaim(db, id, await body(req, claimUpdateInput)) });
});
