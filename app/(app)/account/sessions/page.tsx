import type { Metadata } from "next";
import { listActiveSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { AccountNav } from "@/components/account/AccountNav";
import { SessionList } from "@/components/account/SessionList";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const me = await requirePage({ permission: "account.self" });
  const sessions = await listActiveSessions(db, me.id);
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Your account</h1>
      <AccountNav current="/account/sessions" />
      <p className="mb-4 text-sm text-stone-600">
        Every browser where you are signed in. Sign out of one you do not recognise, or everywhere at once.
      </p>
      <SessionList
        currentId={me.sessionId}
        sessions={sessions.map((s) => ({
          ...s,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
        }))}
      />
    </main>
  );
}
