import { applySpanMutations } from "@/lib/annotation/spans";
import { mutationBatch } from "@/lib/annotation/schemas";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { actorOf, body, json, pathId } from "@/app/api/_lib/request";

/**
 * Applies a batch of span mutations in order, each atomically on its own.
 * Always 200 with one result per mutation (ok, or an error with its code and
 * status) once the batch itself is acceptable; the whole request is refused
 * (400/401/403/404) only when no mutation could be considered.
 */
export const POST = route<{ id: string }>({ permission: "annotation.write" }, async (req, { params, user }) => {
  const articleId = pathId(params.id, "The article");
  const { mutations } = await body(req, mutationBatch);
  const results = await applySpanMutations(db, actorOf(user!), articleId, mutations);
  // No separate lookup on the hot path: a missing article shows in every result.
  if (results.every((r) => !r.ok && r.error.code === "ARTICLE_NOT_FOUND")) throw notFound("The article");
  return json({ results });
});
