/**
 * Assignments: language versions of a story given to annotators, either
 * collaboratively (they write the shared layer, as without assignments) or
 * independently (each writes their own layer, lib/authz/layers.ts). Marking
 * done, reopening and reassigning are audited.
 *
 * The status shown is TODO until the annotator's first span, then IN_PROGRESS
 * until marked DONE (reopening sets IN_PROGRESS again).
 */
import type { Db } from "../db";
import { audit, type AuditActor } from "../audit/log";
import { ownAssignment } from "../authz/objects";
import { AppError, notFound } from "../errors";
import type { AssignmentMode, AssignmentStatus } from "../generated/prisma/enums";

export interface AssignInput {
  storyId: string;
  /** Language tags of the story's versions to assign (all versions when empty). */
  languages?: readonly string[];
  userIds: readonly string[];
  mode: AssignmentMode;
  /** YYYY-MM-DD. */
  dueAt?: string | null;
}

export interface AssignmentDTO {
  id: string;
  storyId: string;
  storyKey: string;
  storyTitle: string;
  articleId: string;
  language: string;
  user: { id: string; name: string; email: string };
  mode: AssignmentMode;
  status: AssignmentStatus;
  dueAt: string | null;
  doneAt: string | null;
  /** Spans the annotator has made in this version (own layer, or shared spans they created). */
  spans: number;
}

export interface Actor extends AuditActor {
  /** May assign and reassign (assignment.manage). */
  canManage: boolean;
}

/** Assigns the story's versions to the users; an existing assignment of the same version and user is updated. */
export async function assign(db: Db, actor: Actor, input: AssignInput): Promise<AssignmentDTO[]> {
  const story = await db.story.findUnique({
    where: { id: input.storyId },
    select: { id: true, articles: { select: { id: true, language: true } } },
  });
  if (!story) throw notFound("The story");
  const wanted = input.languages?.length ? new Set(input.languages) : null;
  const articles = story.articles.filter((a) => !wanted || wanted.has(a.language));
  if (wanted && articles.length < wanted.size) {
    const missing = [...wanted].filter((l) => !articles.some((a) => a.language === l));
    throw new AppError("INVALID_INPUT", `The story has no version in ${missing.join(", ")}.`, 400);
  }
  const users = await db.user.findMany({
    where: { id: { in: [...input.userIds] }, disabledAt: null, role: { in: ["ADMIN", "EDITOR"] } },
    select: { id: true },
  });
  if (users.length !== new Set(input.userIds).size) {
    throw new AppError("INVALID_INPUT", "Assign only active editors and admins.", 400);
  }
  const dueAt = input.dueAt ? new Date(`${input.dueAt}T00:00:00Z`) : null;
  const ids: string[] = [];
  await db.$transaction(async (tx) => {
    for (const article of articles) {
      for (const user of users) {
        const row = await tx.assignment.upsert({
          where: { articleId_userId: { articleId: article.id, userId: user.id } },
          create: { articleId: article.id, userId: user.id, mode: input.mode, dueAt, assignedById: actor.id },
          update: { mode: input.mode, dueAt, assignedById: actor.id },
          select: { id: true },
        });
        ids.push(row.id);
        await audit(tx, {
          action: "assignment.assign",
          actor,
          target: { type: "assignment", id: row.id },
          after: { articleId: article.id, userId: user.id, mode: input.mode, dueAt: input.dueAt ?? null },
        });
      }
    }
  });
  return listAssignments(db, { ids });
}

/** Marks an assignment done or reopens it (the annotator, or whoever may manage assignments). */
export async function setAssignmentStatus(
  db: Db,
  actor: Actor,
  id: string,
  status: "DONE" | "IN_PROGRESS",
): Promise<AssignmentDTO> {
  const current = ownAssignment(
    await db.assignment.findUnique({ where: { id }, select: { userId: true, status: true } }),
    actor,
  );
  await db.$transaction(async (tx) => {
    await tx.assignment.update({
      where: { id },
      data: { status, doneAt: status === "DONE" ? new Date() : null },
    });
    await audit(tx, {
      action: status === "DONE" ? "assignment.done" : "assignment.reopen",
      actor,
      target: { type: "assignment", id },
      before: { status: current.status },
      after: { status },
    });
  });
  return (await listAssignments(db, { ids: [id] }))[0]!;
}

/** Gives an assignment to another annotator. Spans already made stay in the previous annotator's layer. */
export async function reassign(db: Db, actor: Actor, id: string, userId: string): Promise<AssignmentDTO> {
  if (!actor.canManage) throw new AppError("FORBIDDEN", "Your role does not allow this.", 403);
  const current = await db.assignment.findUnique({ where: { id }, select: { userId: true, articleId: true } });
  if (!current) throw notFound("The assignment");
  const user = await db.user.findFirst({
    where: { id: userId, disabledAt: null, role: { in: ["ADMIN", "EDITOR"] } },
    select: { id: true },
  });
  if (!user) throw new AppError("INVALID_INPUT", "Assign only active editors and admins.", 400);
  const taken = await db.assignment.findUnique({
    where: { articleId_userId: { articleId: current.articleId, userId } },
    select: { id: true },
  });
  if (taken && taken.id !== id) throw new AppError("CONFLICT", "That annotator already has this version.", 409);
  await db.$transaction(async (tx) => {
    await tx.assignment.update({ where: { id }, data: { userId, status: "TODO", doneAt: null } });
    await audit(tx, {
      action: "assignment.reassign",
      actor,
      target: { type: "assignment", id },
      before: { userId: current.userId },
      after: { userId },
    });
  });
  return (await listAssignments(db, { ids: [id] }))[0]!;
}

/** Assignments by id, of a user, or of a story; newest story first, then language. */
export async function listAssignments(
  db: Db,
  where: { ids?: readonly string[]; userId?: string; storyId?: string },
): Promise<AssignmentDTO[]> {
  const rows = await db.assignment.findMany({
    where: {
      ...(where.ids ? { id: { in: [...where.ids] } } : {}),
      ...(where.userId ? { userId: where.userId } : {}),
      ...(where.storyId ? { article: { storyId: where.storyId } } : {}),
    },
    select: {
      id: true,
      mode: true,
      status: true,
      dueAt: true,
      doneAt: true,
      userId: true,
      user: { select: { id: true, name: true, email: true } },
      article: { select: { id: true, language: true, story: { select: { id: true, key: true, title: true } } } },
    },
  });
  const counts = await spanCounts(
    db,
    rows.map((r) => ({ articleId: r.article.id, userId: r.userId, mode: r.mode })),
  );
  return rows
    .map((r, i): AssignmentDTO => {
      const spans = counts[i] ?? 0;
      return {
        id: r.id,
        storyId: r.article.story.id,
        storyKey: r.article.story.key,
        storyTitle: r.article.story.title,
        articleId: r.article.id,
        language: r.article.language,
        user: r.user,
        mode: r.mode,
        status: r.status === "TODO" && spans > 0 ? "IN_PROGRESS" : r.status,
        dueAt: r.dueAt ? r.dueAt.toISOString().slice(0, 10) : null,
        doneAt: r.doneAt ? r.doneAt.toISOString() : null,
        spans,
      };
    })
    .sort(
      (a, b) =>
        (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999") ||
        a.storyKey.localeCompare(b.storyKey) ||
        a.language.localeCompare(b.language) ||
        a.user.name.localeCompare(b.user.name),
    );
}

async function spanCounts(
  db: Db,
  items: readonly { articleId: string; userId: string; mode: AssignmentMode }[],
): Promise<number[]> {
  if (!items.length) return [];
  const rows = await db.$queryRaw<{ ord: bigint; n: bigint }[]>`
    SELECT g.ord, (SELECT count(*) FROM "Span" s
      WHERE s."articleId" = g.article AND s."deletedAt" IS NULL AND CASE WHEN g.mode = 'INDEPENDENT'
        THEN s.layer = 'ANNOTATOR' AND s."layerOwnerId" = g.usr
        ELSE s.layer = 'SHARED' AND s."createdById" = g.usr END) AS n
    FROM unnest(${items.map((i) => i.articleId)}::uuid[], ${items.map((i) => i.userId)}::uuid[],
                ${items.map((i) => i.mode)}::text[]) WITH ORDINALITY AS g(article, usr, mode, ord)`;
  const out = new Array<number>(items.length).fill(0);
  for (const r of rows) out[Number(r.ord) - 1] = Number(r.n);
  return out;
}
