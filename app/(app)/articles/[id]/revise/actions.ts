"use server";

import { db } from "@/lib/db";
import { action } from "@/lib/http/action";
import { articleEditSchema, editArticle } from "@/lib/revisions/edit";

/** Saves an editor's new text (a new revision, spans carried over) and title. */
export const reviseArticleAction = action({ permission: "article.revise" }, articleEditSchema, async (edit, { user }) =>
  editArticle(db, { id: user.id, email: user.email }, edit),
);
