import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { getTaxonomy } from "@/lib/taxonomy/taxonomy";
import { json } from "@/app/api/_lib/request";

/** Labels and verdicts in picker order; archived ones apart, for rendering what still carries them. */
export const GET = route({ permission: "story.read" }, async () => json(await getTaxonomy(db)));
