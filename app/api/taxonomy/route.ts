import { db } from "@/lib/db";
import { routeWithParams } from "@/app/api/_lib/route-params";
import { getTaxonomy } from "@/lib/taxonomy/taxonomy";
import { json } from "@/app/api/_lib/request";

/** Labels and verdicts in picker order; archived ones apart, for rendering what still carries them. */
export const GET = routeWithParams({ permission: "story.read" }, async () => json(await getTaxonomy(db)));
