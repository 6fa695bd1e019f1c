import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { queryAuditLog } from "@/lib/audit/query";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { getUserDetail } from "@/lib/users/list";
import { tokenRows } from "@/components/account/token-rows";
import { AccountStatusBadge } from "@/components/admin/AccountStatusBadge";
import { UserControls } from "@/components/admin/UserControls";
import { UserTokens } from "@/components/admin/UserTokens";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePage({ permission: "user.manage" });
  const { id } = await params;
  const user = await getUserDetail(db, id);
  if (!user) notFound();
  const recent = await queryAuditLog(db, { target: user.id, pageSize: 10 });
  const tokens = await listApiTokens(db, user.id);
  const now = new Date();

  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <Link href="/admin/users" className="text-sm text-blue-800 hover:underline">
        ← Users
      </Link>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">
        <bdi>{user.name}</bdi>
      </h1>
      <p className="text-stone-600">
        <bdi>{user.email}</bdi>
      </p>

      <dl className="mt-6 grid grid-cols-[12rem_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="text-stone-600">Role</dt>
        <dd data-testid="user-role">{user.role.toLowerCase()}</dd>
        <dt className="text-stone-600">Status</dt>
        <dd data-testid="user-status">
          <AccountStatusBadge user={{ ...user, sso: user.identities.length > 0 }} />
          {user.disabledAt ? (
            <>
              {" "}
              since <Time value={user.disabledAt} />
            </>
          ) : null}
        </dd>
        <dt className="text-stone-600">Last sign-in</dt>
        <dd>
          <Time value={user.lastSignInAt} empty="never" />
        </dd>
        <dt className="text-stone-600">Password</dt>
        <dd>
          {user.hasPassword ? "set" : "not set"}
          {user.pendingLink ? (
            <>
              {" "}
              · a {user.pendingLink.purpose === "SETUP" ? "set-up" : "reset"} link is open until{" "}
              <Time value={user.pendingLink.expiresAt} />
            </>
          ) : null}
        </dd>
        <dt className="text-stone-600">Single sign-on</dt>
        <dd>{user.identities.length ? user.identities.map((i) => i.issuer).join(", ") : "not linked"}</dd>
        <dt className="text-stone-600">Open sessions</dt>
        <dd>{user.activeSessions}</dd>
        <dt className="text-stone-600">Active API tokens</dt>
        <dd>{user.activeTokens}</dd>
        <dt className="text-stone-600">Created</dt>
        <dd>
          <Time value={user.createdAt} />
        </dd>
      </dl>

      <UserControls
        user={{ id: user.id, email: user.email, role: user.role, disabled: user.disabledAt !== null }}
        isSelf={user.id === me.id}
      />

      <section className="mt-10" aria-labelledby="tokens">
        <h2 id="tokens" className="mb-2 text-lg font-medium">
          API tokens
        </h2>
        <UserTokens userId={user.id} tokens={tokenRows(tokens, now)} />
      </section>

      <section className="mt-10" aria-labelledby="activity">
        <h2 id="activity" className="mb-2 text-lg font-medium">
          Recent security events
        </h2>
        {recent.events.length === 0 ? (
          <p className="text-sm text-stone-600">None yet.</p>
        ) : (
          <ul className="divide-y divide-stone-200 text-sm">
            {recent.events.map((e) => (
              <li key={e.id.toString()} className="flex gap-4 py-2">
                <span className="w-48 shrink-0 text-stone-600">
                  <Time value={e.at} />
                </span>
                <code>{e.action}</code>
                <span className="text-stone-600">
                  {e.actorEmail ? (
                    <>
                      by <bdi>{e.actorEmail}</bdi>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
        <Link
          href={`/admin/audit?target=${user.id}`}
          className="mt-2 inline-block text-sm text-blue-800 hover:underline"
        >
          All events for this user →
        </Link>
      </section>
    </main>
  );
}
