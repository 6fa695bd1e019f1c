/**
 * Annotation status, as the story list shows and filters it:
 *
 * - `unannotated`: no live span yet and not marked in progress or reviewed;
 * - `in_progress`: has at least one live (not deleted) span, or is marked
 *   IN_PROGRESS, and is not reviewed;
 * - `reviewed`: an editor marked it REVIEWED (Article.status).
 *
 * A story is reviewed when all its versions are, unannotated when none has
 * been started, and in progress otherwise.
 */
import { Prisma } from "../generated/prisma/client";

export const ANNOTATION_STATUSES = ["unannotated", "in_progress", "reviewed"] as const;
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number];

/** The status of the article aliased `alias` as an SQL expression. */
export function annotationStatusSql(alias: string): Prisma.Sql {
  const a = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  return Prisma.sql`(CASE
    WHEN ${a}.status = 'REVIEWED' THEN 'reviewed'
    WHEN ${a}.status = 'IN_PROGRESS'
      OR EXISTS (SELECT 1 FROM "Span" sp WHERE sp."articleId" = ${a}.id AND sp."deletedAt" IS NULL) THEN 'in_progress'
    ELSE 'unannotated' END)`;
}

/**
 * Where a version's assignments stand: `unassigned`; `todo` (nobody has
 * started); `done` (every annotator marked it done); `in_progress` otherwise.
 */
export const ASSIGNMENT_STATES = ["unassigned", "todo", "in_progress", "done"] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/**
 * Every assigned article's state as a table ("articleId", state), one grouped
 * pass over the assignments; an article not in it is `unassigned`.
 */
export function assignmentStatesSql(): Prisma.Sql {
  return Prisma.sql`SELECT x."articleId", CASE
    WHEN bool_and(x.status = 'DONE') THEN 'done'
    WHEN bool_and(x.status = 'TODO') THEN 'todo'
    ELSE 'in_progress' END AS state
    FROM "Assignment" x GROUP BY x."articleId"`;
}

export function storyStatus(statuses: readonly AnnotationStatus[]): AnnotationStatus {
  if (statuses.length && statuses.every((s) => s === "reviewed")) return "reviewed";
  if (statuses.every((s) => s === "unannotated")) return "unannotated";
  return "in_progress";
}
