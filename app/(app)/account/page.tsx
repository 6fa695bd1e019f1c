import type { Metadata } from "next";
import { permissionsOf } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { AccountNav } from "@/components/account/AccountNav";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "Your account" };

const ROLE_TEXT = {
  ADMIN: "You can do everything, including managing people and the label taxonomy.",
  EDITOR: "You can import articles, annotate, review and export.",
  VIEWER: "You can read stories and export datasets.",
} as const;

export default async function AccountPage() {
  const me = await requirePage({ permission: "account.self" });
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.id },
    select: { createdAt: true, lastSignInAt: true, identities: { select: { issuer: true, createdAt: true } } },
  });
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Your account</h1>
      <AccountNav current="/account" />
      <dl className="grid grid-cols-[10rem_1fr] gap-x-6 gap-y-3 text-sm">
        <dt className="text-stone-600">Name</dt>
        <dd>{me.name}</dd>
        <dt className="text-stone-600">E-mail</dt>
        <dd>{me.email}</dd>
        <dt className="text-stone-600">Role</dt>
        <dd>
          <span className="font-medium">{me.role.toLowerCase()}</span> — {ROLE_TEXT[me.role]}
        </dd>
        <dt className="text-stone-600">Permissions</dt>
        <dd className="flex flex-wrap gap-1">
          {permissionsOf(me.role).map((p) => (
            <code key={p} className="rounded bg-stone-100 px-1.5 py-0.5 text-xs">
              {p}
            </code>
          ))}
        </dd>
        <dt className="text-stone-600">Last sign-in</dt>
        <dd>
          <Time value={user.lastSignInAt} />
        </dd>
        <dt className="text-stone-600">Member since</dt>
        <dd>
          <Time value={user.createdAt} />
        </dd>
        <dt className="text-stone-600">Single sign-on</dt>
        <dd>
          {user.identities.length
            ? user.identities.map((i) => (
                <span key={i.issuer}>
                  linked to {i.issuer} on <Time value={i.createdAt} />
                </span>
              ))
            : "not linked"}
        </dd>
      </dl>
    </main>
  );
}
