import Link from "next/link";

const TABS = [
  { href: "/account", label: "Profile" },
  { href: "/account/password", label: "Password" },
  { href: "/account/sessions", label: "Sessions" },
  { href: "/account/tokens", label: "API tokens" },
] as const;

export function AccountNav({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Account" className="mb-8 border-b border-stone-200">
      <ul className="-mb-px flex gap-6 text-sm">
        {TABS.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.href === current ? "page" : undefined}
              className={`inline-block border-b-2 pb-2 ${
                tab.href === current
                  ? "border-stone-900 font-medium text-stone-950"
                  : "border-transparent text-stone-600 hover:text-stone-900"
              }`}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
