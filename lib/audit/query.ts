/**
 * Browsing the audit log: filters and keyset pagination (newest first). The
 * log only grows, so "older than id N" pages never shift under the reader.
 */
import type { Db, Prisma } from "../db";

export interface AuditQuery {
  /** Exact action ("user.role_changed") or a prefix ending in a dot ("auth."). */
  action?: string;
  /** The actor's e-mail (substring) or user id. */
  actor?: string;
  /** The target's id, or a user's e-mail (exact) to mean that user. */
  target?: string;
  from?: Date;
  to?: Date;
  /** Show events older than this id (next page) … */
  before?: bigint;
  /** … or newer than this id (previous page). */
  after?: bigint;
  pageSize?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function queryAuditLog(db: Db, query: AuditQuery) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
  const and: Prisma.AuditEventWhereInput[] = [];
  const action = query.action?.trim();
  if (action) and.push(action.endsWith(".") ? { action: { startsWith: action } } : { action });
  const actor = query.actor?.trim();
  if (actor) and.push(UUID.test(actor) ? { actorId: actor } : { actorEmail: { contains: actor, mode: "insensitive" } });
  const target = query.target?.trim();
  if (target) {
    if (target.includes("@")) {
      const user = await db.user.findUnique({ where: { email: target.toLowerCase() }, select: { id: true } });
      and.push({ targetId: user?.id ?? "-none-" });
    } else {
      and.push({ targetId: target });
    }
  }
  if (query.from) and.push({ at: { gte: query.from } });
  if (query.to) and.push({ at: { lt: query.to } });
  if (query.before !== undefined) and.push({ id: { lt: query.before } });
  if (query.after !== undefined) and.push({ id: { gt: query.after } });

  const newestFirst = query.after === undefined;
  const rows = await db.auditEvent.findMany({
    where: { AND: and },
    orderBy: { id: newestFirst ? "desc" : "asc" },
    take: pageSize + 1,
  });
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (!newestFirst) page.reverse();
  return {
    events: page,
    // With `after`, "more" lies on the newer side; otherwise on the older side.
    hasOlder: newestFirst ? hasMore : true,
    hasNewer: newestFirst ? query.before !== undefined : hasMore,
  };
}

export type AuditRow = Awaited<ReturnType<typeof queryAuditLog>>["events"][number];

/**
 * What each event's target is called today, keyed `type:id`: a user's name
 * and e-mail, a label's or verdict's name, a snapshot's name, an article's
 * title, so the log names its targets instead of showing their ids. Targets
 * deleted since keep only their id (absent from the map).
 */
export async function auditTargetNames(
  db: Db,
  events: readonly { targetType: string | null; targetId: string | null }[],
): Promise<Map<string, string>> {
  const ids = (...types: string[]) => [
    ...new Set(
      events
        .filter((e) => e.targetId && UUID.test(e.targetId) && types.includes(e.targetType ?? ""))
        .map((e) => e.targetId!),
    ),
  ];
  const names = new Map<string, string>();
  const put = (types: string[], rows: { id: string; name: string }[]) => {
    for (const row of rows) for (const type of types) names.set(`${type}:${row.id}`, row.name);
  };
  const userTypes = ["user", "User"];
  const articleTypes = ["article", "Article"];
  const [users, labels, verdicts, snapshots, articles, jobs] = await Promise.all([
    db.user.findMany({ where: { id: { in: ids(...userTypes) } }, select: { id: true, name: true, email: true } }),
    db.label.findMany({ where: { id: { in: ids("Label") } }, select: { id: true, name: true, key: true } }),
    db.verdictRating.findMany({ where: { id: { in: ids("VerdictRating") } }, select: { id: true, name: true } }),
    db.datasetSnapshot.findMany({ where: { id: { in: ids("DatasetSnapshot") } }, select: { id: true, name: true } }),
    db.article.findMany({
      where: { id: { in: ids(...articleTypes) } },
      select: { id: true, title: true, language: true, story: { select: { title: true } } },
    }),
    db.job.findMany({ where: { id: { in: ids("Job") } }, select: { id: true, kind: true, params: true } }),
  ]);
  put(
    userTypes,
    users.map((u) => ({ id: u.id, name: `${u.name} <${u.email}>` })),
  );
  put(
    ["Label"],
    labels.map((l) => ({ id: l.id, name: `${l.name} (${l.key})` })),
  );
  put(["VerdictRating"], verdicts);
  put(["DatasetSnapshot"], snapshots);
  put(
    articleTypes,
    articles.map((a) => ({ id: a.id, name: `${a.title ?? a.story.title} (${a.language})` })),
  );
  put(
    ["Job"],
    jobs.map((j) => ({ id: j.id, name: jobName(j.kind, j.params) })),
  );
  return names;
}

/** A background job as a person names it: what it imports or exports, and how. */
function jobName(kind: "IMPORT" | "EXPORT", params: unknown): string {
  const p = (params && typeof params === "object" ? params : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  if (kind === "IMPORT") {
    const file = text(p.fileName);
    const into = text(p.storyTitle);
    return `Import of ${file ? `“${file}”` : "a file"}${into ? ` into “${into}”` : ""}${p.dryRun === true ? " (dry run)" : ""}`;
  }
  const format = text(p.format)?.toUpperCase() ?? "export";
  const snapshot =
    p.snapshot && typeof p.snapshot === "object" ? text((p.snapshot as Record<string, unknown>).name) : null;
  return snapshot ? `Dataset snapshot “${snapshot}” (${format})` : `Export (${format})`;
}

/** The distinct actions recorded so far, for the filter's choices. */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields that differ between an event's before and after. */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const obj = (v: unknown): Record<string, unknown> =>
    v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const b = obj(before);
  const a = obj(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}
