/**
 * The append-only audit log of security-relevant actions. Rows can only be
 * inserted (a database trigger refuses UPDATE, DELETE and TRUNCATE).
 */
import type { Db, Prisma } from "../db";

export interface AuditActor {
  id: string;
  email: string;
}

/** The operator's command line (`npm run cli`): recorded with no user id and the actor name "cli". */
export const CLI_ACTOR = { id: null, email: "cli" } as const;

/** Who an audited change is recorded as done by: a user, or the operator's command line. */
export type Auditor = AuditActor | typeof CLI_ACTOR;

export interface AuditEntry {
  action: string;
  actor?: Auditor | null;
  target?: { type: string; id: string } | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  ip?: string | null;
  detail?: Prisma.InputJsonValue | null;
}

export async function audit(db: Pick<Db, "auditEvent">, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
      ip: entry.ip ?? null,
      detail: entry.detail ?? undefined,
    },
  });
}
