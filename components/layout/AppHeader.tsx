import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/authz/policy";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { IdentitySync } from "./IdentitySync";
import { NAV_ITEMS } from "./nav-items";

/**
 * The top bar: navigation limited to what the user's role allows, and the
 * account menu. On a narrow screen the account stays on the first row beside
 * the name and the links move to a second row that scrolls sideways, so
 * nothing is pushed off screen.
 */
export async function AppHeader() {
  const user = await getCurrentUser();
  if (!user) return null;
  // While a temporary password is in force every page but the password form is closed: no links to
  // them, and no identity checks (the API answers 403 until the password is changed).
  const restricted = user.mustSetPassword;
  return (
    <header className="border-b border-stone-200 bg-white">
      <nav
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6 lg:flex-nowrap"
        aria-label="Main"
        data-testid="app-header"
      >
        <Link href="/" className="font-semibold tracking-tight">
          Parallax
        </Link>
        <ul className="order-last -mx-1 flex w-full gap-4 overflow-x-auto whitespace-nowrap px-1 text-sm lg:order-none lg:mx-0 lg:w-auto lg:px-0">
          {NAV_ITEMS.filter((item) => !restricted && can(user, item.permission)).map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="text-stone-700 hover:text-stone-950">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
          <Link
            href="/account"
            className="min-w-0 truncate text-stone-600 hover:text-stone-950"
            data-testid="current-user"
          >
            <bdi>{user.name}</bdi> · <span className="font-medium">{user.role.toLowerCase()}</span>
          </Link>
          <SignOutButton />
          {restricted ? null : <IdentitySync role={user.role} name={user.name} />}
        </div>
      </nav>
    </header>
  );
}
