"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeSessionAction, signOutEverywhereAction } from "@/app/(app)/account/sessions/actions";
import { Time } from "@/components/ui/Time";

interface SessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
  method: string;
}

/** A short, readable name for a browser from its User-Agent. */
function browserName(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Mac OS X/.test(userAgent)
      ? "macOS"
      : /Android/.test(userAgent)
        ? "Android"
        : /iPhone|iPad/.test(userAgent)
          ? "iOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : browser;
}

export function SessionList({ sessions, currentId }: { sessions: SessionRow[]; currentId: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<string | null>(null);

  async function revoke(id: string) {
    setPending(id);
    const result = await revokeSessionAction({ sessionId: id });
    setPending(null);
    if (!result.ok) return setError(result.error.message);
    if (result.data.current) return signOut({ callbackUrl: "/signin" });
    router.refresh();
  }

  async function everywhere() {
    setPending("all");
    const result = await signOutEverywhereAction({});
    if (!result.ok) {
      setPending(null);
      return setError(result.error.message);
    }
    await signOut({ callbackUrl: "/signin" });
  }

  return (
    <div>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Sessions">
        {sessions.map((s) => (
          <li key={s.id} className="flex items-center gap-4 px-4 py-3 text-sm">
            <div className="flex-1">
              <p className="font-medium">
                {browserName(s.userAgent)}
                {s.id === currentId ? (
                  <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-900">this browser</span>
                ) : null}
              </p>
              <p className="text-stone-600">
                {s.method === "oidc" ? "single sign-on" : "password"} · {s.ip ?? "unknown address"} · signed in{" "}
                <Time value={s.createdAt} /> · last active <Time value={s.lastSeenAt} />
              </p>
            </div>
            <button
              type="button"
              onClick={() => revoke(s.id)}
              disabled={pending !== null}
              className="rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100 disabled:opacity-60"
            >
              Sign out
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        onClick={everywhere}
        disabled={pending !== null}
        className="mt-6 rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60"
      >
        {pending === "all" ? "Signing out…" : "Sign out everywhere"}
      </button>
    </div>
  );
}
