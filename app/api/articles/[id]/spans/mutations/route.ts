import { applySpanMutations } from "@/lib/annotation/spans";
import { mutationBatch } from "@/lib/annotation/schemas";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { routeWithParams } from "@/app/api/_lib/route-params";
import { actorOf, body, json, pathId } from "@/app/api/_lib/request";

/**
 * Applies a batch of span mutations in order, each in its own transaction.
 * Always 200 with one result per mutation (ok, or an error with its code and
 * status) once the batch itself is acceptable; the whole request is refused
 * (400/401/403/404) only when no mutation could be considered.
 */
export const POST = routeWithParams<{ id: string }>(
  { permission: "annotation.write" },
  async (req, { params, user }) => {
    const articleId = pathId(params.id, "The article");
    const { mutations } = await body(req, mutationBatch);
    if (!(await db.article.findUnique({ where: { id: articleId }, select: { id: true } }))) {
      throw notFound("The article");
    }
    const results = await applySpanMutations(db, actorOf(user!), articleId, mutations);
    return json({ results });
  },
);
