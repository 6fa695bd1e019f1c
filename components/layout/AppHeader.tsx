import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/authz/policy";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { IdentitySync } from "./IdentitySync";
import { NAV_ITEMS } from "./nav-items";

/** The top bar: navigation limited to what the user's role allows, and the account menu. */
export async function AppHeader() {
  const user = await getCurrentUser();
  if (!user) return null;
  return (
    <header className="border-b border-stone-200 bg-white">
      <nav className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3" aria-label="Main">
        <Link href="/" className="font-semibold tracking-tight">
          Parallax
        </Link>
        <ul className="flex gap-4 text-sm">
          {NAV_ITEMS.filter((item) => can(user, item.permission)).map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="text-stone-700 hover:text-stone-950">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <Link href="/account" className="text-stone-600 hover:text-stone-950" data-testid="current-user">
            <bdi>{user.name}</bdi> · <span className="font-medium">{user.role.toLowerCase()}</span>
          </Link>
          <SignOutButton />
          <IdentitySync role={user.role} name={user.name} />
        </div>
      </nav>
    </header>
  );
}
