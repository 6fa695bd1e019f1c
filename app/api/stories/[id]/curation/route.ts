import { z } from "zod";
import { assertMayReadAgreement } from "@/lib/agreement/load";
import { acceptAgreed, acceptSpan } from "@/lib/curation/accept";
import { adjustCurated } from "@/lib/curation/adjust";
import { settleUnit, type Decision } from "@/lib/curation/settle";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { body, json, pathId } from "@/app/api/_lib/request";

const ids = z.array(z.uuid()).min(1).max(1000);
const offset = z.int().min(0).max(2_147_483_647);

const curationBody = z.union([
  z.object({ action: z.literal("accept-agreed"), languages: z.array(z.string().min(1).max(35)).max(50).optional() }),
  z.object({ action: z.literal("accept"), spanId: z.uuid() }),
  z.object({
    action: z.literal("settle"),
    articleId: z.uuid(),
    /** The annotators' spans of the unit (lib/curation/units.ts). */
    spans: ids,
    take: ids.optional(),
    reject: z.literal(true).optional(),
    edit: z
      .object({ spanId: z.uuid(), labelId: z.uuid(), start: offset.optional(), end: offset.optional() })
      .optional(),
  }),
  z.object({
    action: z.literal("adjust"),
    /** A curated span, moved to [start, end). */
    spanId: z.uuid(),
    start: offset,
    end: offset,
    baseVersion: z.int().min(1),
    mutationId: z.uuid(),
  }),
]);

/**
 * Fills the curated layer: { action: "accept-agreed" } takes every span all
 * independent annotators of a version agree on (optionally only `languages`);
 * { action: "accept", spanId } takes one annotator's version of a span;
 * { action: "settle", articleId, spans, take | reject | edit } decides one
 * place (lib/curation/settle.ts); { action: "adjust", spanId, start, end,
 * baseVersion, mutationId } moves a curated span's boundaries
 * (lib/curation/adjust.ts). A curator still annotating a version
 * independently may not curate it.
 */
export const POST = route<{ id: string }>({ permission: "assignment.manage" }, async (req, { params, user }) => {
  const storyId = pathId(params.id, "The story");
  const input = await body(req, curationBody);
  const articles = await db.article.findMany({
    where: {
      storyId,
      ...(input.action === "accept-agreed" && input.languages?.length ? { language: { in: input.languages } } : {}),
      ...(input.action === "settle" ? { id: input.articleId } : {}),
      ...(input.action === "adjust" ? { spans: { some: { id: input.spanId, layer: "CURATED" } } } : {}),
    },
    select: { id: true },
  });
  if (!articles.length) throw notFound("The story");
  const articleIds = articles.map((a) => a.id);
  await assertMayReadAgreement(db, user!.id, { articleIds });
  if (input.action === "accept-agreed") return json(await acceptAgreed(db, user!, articleIds));
  if (input.action === "adjust") {
    const { action: _, ...adjustment } = input;
    return json({ span: await adjustCurated(db, user!, adjustment) });
  }
  if (input.action === "settle") {
    const decision: Decision | null = input.take
      ? { take: input.take }
      : input.reject
        ? { reject: true }
        : input.edit
          ? { edit: input.edit }
          : null;
    if (!decision) throw new AppError("INVALID_INPUT", "Give take, reject or edit.", 400);
    return json(await settleUnit(db, user!, input.articleId, input.spans, decision));
  }
  const span = await db.span.findFirst({
    where: { id: input.spanId, articleId: { in: articleIds } },
    select: { id: true },
  });
  if (!span) throw notFound("The span");
  return json({ curatedSpanId: await acceptSpan(db, user!, span.id) }, 201);
});
