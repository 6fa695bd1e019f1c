import { listArticleSpans } from "@/lib/annotation/spans";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { json, pathId } from "@/app/api/_lib/request";

/** The article's spans (not deleted), in text order, and the revision their offsets refer to. */
export const GET = route<{ id: string }>({ permission: "story.read" }, async (_req, { params, user }) => {
  const { articleRevision, spans } = await listArticleSpans(db, pathId(params.id, "The article"), user);
  return json({ articleRevision, spans });
});
