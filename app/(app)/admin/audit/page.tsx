import type { Metadata } from "next";
import Link from "next/link";
import { auditActions, auditTargetNames, diffFields, queryAuditLog } from "@/lib/audit/query";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { FieldLabel, inlineFieldClass } from "@/components/ui/form";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "Audit log" };

type Search = {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
  before?: string;
  after?: string;
};

/** A yyyy-mm-dd date from the form, as the start of that day in UTC. */
function day(value: string | undefined, plusDays = 0): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Date(date.getTime() + plusDays * 86_400_000);
}

function cursor(value: string | undefined): bigint | undefined {
  return value && /^\d{1,19}$/.test(value) ? BigInt(value) : undefined;
}

function details(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function show(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePage({ permission: "audit.read" });
  const params = await searchParams;
  const filters = {
    action: params.action,
    actor: params.actor,
    target: params.target,
    from: params.from,
    to: params.to,
  };
  const [result, actions] = await Promise.all([
    queryAuditLog(db, {
      action: params.action,
      actor: params.actor,
      target: params.target,
      from: day(params.from),
      to: day(params.to, 1), // the "to" day is included
      before: cursor(params.before),
      after: cursor(params.after),
    }),
    auditActions(db),
  ]);
  const groups = [...new Set(actions.map((a) => `${a.split(".")[0]}.`))];
  const href = (extra: Record<string, string>) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) query.set(k, v);
    return `/admin/audit?${query}`;
  };
  const targetNames = await auditTargetNames(db, result.events);
  const targetName = (e: { targetType: string | null; targetId: string | null }) =>
    targetNames.get(`${e.targetType}:${e.targetId}`);
  const first = result.events[0];
  const last = result.events.at(-1);

  return (
    <main className="mx-auto max-w-7xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">
        Every security-relevant action, newest first. Entries can only be added, never changed or removed.
      </p>
      <form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-3 text-sm">
        <FieldLabel text="Action">
          <select name="action" defaultValue={params.action ?? ""} className={inlineFieldClass}>
            <option value="">any</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}* (all)
              </option>
            ))}
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </FieldLabel>
        <FieldLabel text="Actor">
          <input name="actor" defaultValue={params.actor} placeholder="e-mail or id" className={inlineFieldClass} />
        </FieldLabel>
        <FieldLabel text="Target">
          <input
            name="target"
            defaultValue={params.target}
            placeholder="user e-mail or id"
            className={inlineFieldClass}
          />
        </FieldLabel>
        <FieldLabel text="From">
          <input type="date" name="from" defaultValue={params.from} className={inlineFieldClass} />
        </FieldLabel>
        <FieldLabel text="To">
          <input type="date" name="to" defaultValue={params.to} className={inlineFieldClass} />
        </FieldLabel>
        <button type="submit" className="rounded-md border border-stone-300 bg-white px-4 py-2 hover:bg-stone-100">
          Filter
        </button>
        <Link href="/admin/audit" className="px-2 py-2 text-blue-800 hover:underline">
          Clear
        </Link>
      </form>

      {result.events.length === 0 ? (
        <p className="text-stone-600">No events match.</p>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Audit events">
          <thead className="border-b border-stone-200 text-stone-600">
            <tr>
              <th className="py-2 pr-4 font-medium">When</th>
              <th className="py-2 pr-4 font-medium">Action</th>
              <th className="py-2 pr-4 font-medium">Actor</th>
              <th className="py-2 pr-4 font-medium">Target</th>
              <th className="py-2 pr-4 font-medium">Change</th>
              <th className="py-2 font-medium">Details</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200 align-top">
            {result.events.map((e) => {
              const changes = diffFields(e.before, e.after);
              return (
                <tr key={e.id.toString()}>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <Time value={e.at} />
                  </td>
                  <td className="py-2 pr-4">
                    <code>{e.action}</code>
                  </td>
                  <td className="py-2 pr-4">
                    {e.actorEmail ? <bdi>{e.actorEmail}</bdi> : <span className="text-stone-500">—</span>}
                  </td>
                  <td className="py-2 pr-4">
                    {(e.targetType === "user" || e.targetType === "User") && e.targetId ? (
                      <Link href={`/admin/users/${e.targetId}`} className="text-blue-800 hover:underline">
                        {targetName(e) ? <bdi>{targetName(e)}</bdi> : `user ${e.targetId.slice(0, 8)}`}
                      </Link>
                    ) : e.targetType === "DatasetSnapshot" && e.targetId ? (
                      <Link href={`/datasets/${e.targetId}`} className="text-blue-800 hover:underline">
                        dataset {targetName(e) ? <bdi>{targetName(e)}</bdi> : e.targetId.slice(0, 8)}
                      </Link>
                    ) : e.targetType === "Job" && e.targetId && targetName(e) ? (
                      // An import or export: its name says which, its id is in the tooltip.
                      <span title={`job ${e.targetId}`}>
                        <bdi>{targetName(e)}</bdi>
                      </span>
                    ) : e.targetId ? (
                      <span title={e.targetId}>
                        {e.targetType?.toLowerCase()}{" "}
                        {targetName(e) ? <bdi>{targetName(e)}</bdi> : e.targetId.slice(0, 8)}
                      </span>
                    ) : (
                      <span className="text-stone-500">—</span>
                    )}
                  </td>
                  <td className="py-2 pr-4">
                    {changes.length ? (
                      <ul>
                        {changes.map((c) => (
                          <li key={c.field} className="break-words">
                            <span className="text-stone-600">{c.field}:</span>{" "}
                            {c.before !== undefined ? <del className="text-red-800">{show(c.before)}</del> : null}
                            {c.before !== undefined && c.after !== undefined ? " → " : null}
                            {c.after !== undefined ? (
                              <ins className="text-green-800 no-underline">{show(c.after)}</ins>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td className="max-w-sm py-2 text-xs text-stone-600">
                    <ul>
                      {e.ip ? <li>ip: {e.ip}</li> : null}
                      {Object.entries(details(e.detail)).map(([key, value]) => (
                        <li key={key} className="break-all">
                          {key}: <bdi>{show(value)}</bdi>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" className="mt-4 flex gap-6 text-sm">
        {result.hasNewer && first ? (
          <Link href={href({ after: first.id.toString() })} className="text-blue-800 hover:underline">
            ← Newer
          </Link>
        ) : null}
        {result.hasOlder && last ? (
          <Link href={href({ before: last.id.toString() })} className="text-blue-800 hover:underline">
            Older →
          </Link>
        ) : null}
      </nav>
    </main>
  );
}
