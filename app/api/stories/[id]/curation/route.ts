import { z } from "zod";
import { acceptAgreed, acceptSpan } from "@/lib/curation/accept";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { body, json, pathId } from "@/app/api/_lib/request";

const curationBody = z.union([
  z.object({ action: z.literal("accept-agreed"), languages: z.array(z.string().min(1).max(35)).max(50).optional() }),
  z.object({ action: z.literal("accept"), spanId: z.uuid() }),
]);

/**
 * Fills the curated layer: { action: "accept-agreed" } takes every span all
 * independent annotators of a version agree on (optionally only `languages`);
 * { action: "accept", spanId } takes one annotator's version of a span.
 */
export const POST = route<{ id: string }>({ permission: "assignment.manage" }, async (req, { params, user }) => {
  const storyId = pathId(params.id, "The story");
  const input = await body(req, curationBody);
  const articles = await db.article.findMany({
    where: {
      storyId,
      ...(input.action === "accept-agreed" && input.languages?.length ? { language: { in: input.languages } } : {}),
    },
    select: { id: true },
  });
  if (!articles.length) throw notFound("The story");
  if (input.action === "accept-agreed") {
    return json(
      await acceptAgreed(
        db,
        user!,
        articles.map((a) => a.id),
      ),
    );
  }
  const span = await db.span.findFirst({
    where: { id: input.spanId, articleId: { in: articles.map((a) => a.id) } },
    select: { id: true },
  });
  if (!span) throw notFound("The span");
  return json({ curatedSpanId: await acceptSpan(db, user!, span.id) }, 201);
});
