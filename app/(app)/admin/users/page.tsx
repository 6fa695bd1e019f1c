import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { ROLES } from "@/lib/users/input";
import { listUsers } from "@/lib/users/list";
import { AccountStatusBadge } from "@/components/admin/AccountStatusBadge";
import { CreateUserForm } from "@/components/admin/CreateUserForm";
import { FieldLabel, fieldClass, inlineFieldClass } from "@/components/ui/form";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "Users" };

type Search = { q?: string; role?: string; status?: string; page?: string };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePage({ permission: "user.manage" });
  const params = await searchParams;
  const role = ROLES.find((r) => r === params.role);
  const status = params.status === "active" || params.status === "disabled" ? params.status : undefined;
  const page = Math.max(Number.parseInt(params.page ?? "1", 10) || 1, 1);
  const result = await listUsers(db, { q: params.q, role, status, page });
  const pages = Math.max(Math.ceil(result.total / result.pageSize), 1);
  const pageHref = (p: number) =>
    `/admin/users?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), ...(role ? { role } : {}), ...(status ? { status } : {}), page: String(p) })}`;

  return (
    <main className="mx-auto max-w-6xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">
        Create accounts, change roles, disable access and reset passwords. Changes apply on the person&apos;s next
        click.
      </p>

      <section aria-labelledby="new-user" className="mb-8">
        <h2 id="new-user" className="mb-2 text-lg font-medium">
          New user
        </h2>
        <CreateUserForm />
      </section>

      <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
        <FieldLabel text="Search" className="flex-1">
          <input name="q" type="search" defaultValue={params.q} placeholder="name or e-mail" className={fieldClass} />
        </FieldLabel>
        <FieldLabel text="Role">
          <select name="role" defaultValue={role ?? ""} className={inlineFieldClass}>
            <option value="">any</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r.toLowerCase()}
              </option>
            ))}
          </select>
        </FieldLabel>
        <FieldLabel text="Status">
          <select name="status" defaultValue={status ?? ""} className={inlineFieldClass}>
            <option value="">any</option>
            <option value="active">active</option>
            <option value="disabled">disabled</option>
          </select>
        </FieldLabel>
        <button type="submit" className="rounded-md border border-stone-300 bg-white px-4 py-2 hover:bg-stone-100">
          Search
        </button>
      </form>

      <p className="mb-2 text-sm text-stone-600" role="status">
        {result.total} {result.total === 1 ? "user" : "users"}
      </p>
      <table className="w-full text-left text-sm" aria-label="Users">
        <thead className="border-b border-stone-200 text-stone-600">
          <tr>
            <th className="py-2 font-medium">Name</th>
            <th className="py-2 font-medium">E-mail</th>
            <th className="py-2 font-medium">Role</th>
            <th className="py-2 font-medium">Status</th>
            <th className="py-2 font-medium">Last sign-in</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {result.users.map((u) => (
            <tr key={u.id}>
              <td className="py-2">
                <Link href={`/admin/users/${u.id}`} className="font-medium text-blue-800 hover:underline">
                  <bdi>{u.name}</bdi>
                </Link>
              </td>
              <td className="py-2">
                <bdi>{u.email}</bdi>
              </td>
              <td className="py-2">{u.role.toLowerCase()}</td>
              <td className="py-2" data-testid="user-row-status">
                <AccountStatusBadge user={u} />
              </td>
              <td className="py-2">
                <Time value={u.lastSignInAt} empty="never" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
          {page > 1 ? <Link href={pageHref(page - 1)}>← Previous</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link href={pageHref(page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
    </main>
  );
}
