import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { claimPath } from "@/lib/annotation/claim-page";
import { searchClaims } from "@/lib/annotation/claims";
import { requirePage } from "@/lib/http/page";
import { inputClass, buttonClass } from "@/components/export/ui";
import { Day } from "@/components/ui/Time";
import { listSummary } from "@/components/ui/list-summary";
import { Verdict } from "@/components/ui/Verdict";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Claims" };

/** As many as the search returns at most. */
const LIMIT = 100;

interface Props {
  searchParams: Promise<{ q?: string | string[] }>;
}

/**
 * The canonical claims of every story with their verdicts: by words of the
 * statement (accent- and case-insensitive); nothing typed, the most recently
 * changed. Each leads to its page of mentions across languages.
 */
export default async function ClaimsPage({ searchParams }: Props) {
  await requirePage({ permission: "story.read" });
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  const claims = await searchClaims(db, { q, limit: LIMIT });
  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Claims</h1>
      <p className="mt-1 text-sm text-stone-600">
        The statements tagged as claims in every story, each linked across languages, with the verdict given.
      </p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label="Claims">
        <label className="min-w-0 flex-1 text-sm">
          Words of the statement
          <input name="q" type="search" defaultValue={q} className={inputClass} dir="auto" />
        </label>
        <button type="submit" className={buttonClass}>
          Search
        </button>
      </form>
      <p role="status" className="mt-6 text-sm text-stone-600" data-testid="claim-count">
        {listSummary(claims.length, LIMIT, q !== "", {
          matching: "No claim matches.",
          empty: "No claims yet: they are made by tagging spans in the reader.",
        })}
      </p>
      {claims.length ? (
        <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" aria-label="Claims">
          {claims.map((c) => (
            <li key={c.id} className="px-4 py-3" data-testid="claim-row">
              <Link href={claimPath(c)} className="font-medium hover:underline" dir="auto">
                {c.statement}
              </Link>
              <p className="mt-1 flex flex-wrap items-center gap-x-3 text-xs text-stone-600">
                <span data-testid="claim-verdict">
                  <Verdict verdict={c.verdict} none="no verdict yet" />
                </span>
                {c.claimant ? (
                  <span>
                    by <bdi>{c.claimant.name}</bdi>
                  </span>
                ) : null}
                {c.claimDate ? <Day value={c.claimDate} /> : null}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </main>
  );
}
