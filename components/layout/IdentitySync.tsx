"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * The header belongs to the layout, which a client-side navigation does not
 * render again. After each navigation this asks the server who the user is
 * now and, when an administrator has changed their role or name meanwhile,
 * refreshes the page so the header (and the menu it allows) is rendered anew.
 */
export function IdentitySync({ role, name }: { role: string; name: string }) {
  const pathname = usePathname();
  const router = useRouter();
  const shown = useRef(pathname);

  useEffect(() => {
    if (shown.current === pathname) return; // the header was rendered for this page
    shown.current = pathname;
    const controller = new AbortController();
    fetch("/api/me", { cache: "no-store", signal: controller.signal })
      .then((res) => (res.ok ? (res.json() as Promise<{ role: string; name: string }>) : null))
      .then((me) => {
        if (me && (me.role !== role || me.name !== name)) router.refresh();
      })
      .catch(() => {}); // offline or aborted: the next navigation asks again
    return () => controller.abort();
  }, [pathname, role, name, router]);

  return null;
}
