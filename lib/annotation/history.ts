/** Per-span history: who changed what and when, oldest first. */
import type { Db } from "../db";
import { notFound } from "../errors";
import { visibleSpanWhere, type Viewer } from "../authz/layers";
import type { SpanAction } from "../generated/prisma/enums";
import type { UserRef } from "./dto";

export interface SpanHistoryEntry {
  version: number;
  action: SpanAction;
  actor: UserRef | null;
  at: string;
  before: unknown;
  after: unknown;
  /** The fields that differ between before and after (empty for a creation). */
  changed: string[];
}

/** The span's history; not found unless `viewer` sees the span's layer. */
export async function spanHistory(db: Db, spanId: string, viewer: Viewer | null = null): Promise<SpanHistoryEntry[]> {
  const span = await db.span.findFirst({ where: { id: spanId, ...visibleSpanWhere(viewer) }, select: { id: true } });
  if (!span) throw notFound("The span");
  const rows = await db.spanRevision.findMany({
    where: { spanId },
    orderBy: [{ version: "asc" }, { id: "asc" }],
    select: {
      version: true,
      action: true,
      at: true,
      before: true,
      after: true,
      actor: { select: { id: true, name: true } },
    },
  });
  return rows.map((r) => ({
    version: r.version,
    action: r.action,
    actor: r.actor,
    at: r.at.toISOString(),
    before: r.before,
    after: r.after,
    changed: changedFields(r.before, r.after),
  }));
}

function changedFields(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== "object" || typeof after !== "object") return [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
  );
}
