import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { articleEditSchema, editArticle } from "@/lib/revisions/edit";
import { body, json, pathId } from "@/app/api/_lib/request";

/**
 * A new revision of an article's text (and optionally its title), for scripts
 * (docs/import-api.md): the spans are carried over by quote and context, and
 * those that cannot be placed are kept and flagged `orphaned`.
 */
export const POST = route<{ id: string }>({ permission: "article.revise" }, async (req, { params, user }) => {
  const id = pathId(params.id, "The article");
  const edit = await body(req, articleEditSchema.omit({ id: true }));
  const result = await editArticle(db, { id: user!.id, email: user!.email }, { ...edit, id });
  return json(result);
});
