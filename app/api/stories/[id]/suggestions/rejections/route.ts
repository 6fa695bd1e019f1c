import { suggestionRejectionInput } from "@/lib/annotation/schemas";
import { rejectSuggestion, unrejectSuggestion } from "@/lib/annotation/suggestions";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { body, json, pathId } from "@/app/api/_lib/request";

/** Rejects a suggestion for the signed-in editor: it is not offered to them again (idempotent). */
export const POST = route<{ id: string }>({ permission: "annotation.review" }, async (req, { params, user }) => {
  await rejectSuggestion(db, user!, pathId(params.id, "The story"), await body(req, suggestionRejectionInput));
  return json({ ok: true });
});

/** Takes a rejection back (undo). Same body as POST; the quote may be omitted. */
export const DELETE = route<{ id: string }>({ permission: "annotation.review" }, async (req, { params, user }) => {
  const input = await body(req, suggestionRejectionInput.omit({ quote: true }));
  await unrejectSuggestion(db, user!, pathId(params.id, "The story"), input);
  return json({ ok: true });
});
