import { createClaim, searchClaims } from "@/lib/annotation/claims";
import { claimCreateInput } from "@/lib/annotation/schemas";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { body, json, queryId, queryLimit } from "@/app/api/_lib/request";

/** Claims whose statement contains q; with storyId, those attached to or stated in the story. */
export const GET = route({ permission: "story.read" }, async (req) => {
  const claims = await searchClaims(db, {
    q: req.nextUrl.searchParams.get("q") ?? "",
    storyId: queryId(req, "storyId"),
    limit: queryLimit(req),
  });
  return json({ claims });
});

export const POST = route({ permission: "annotation.write" }, async (req) => {
  return json({ claim: await createClaim(db, await body(req, claimCreateInput)) }, 201);
});
