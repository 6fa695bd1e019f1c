import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { loadClaimPage, type ClaimMention } from "@/lib/annotation/claim-page";
import { pageAllows, requirePage } from "@/lib/http/page";
import { storyHref } from "@/lib/reader/href";
import { textDirection } from "@/lib/reader/script";
import { Day } from "@/components/ui/Time";
import { Verdict } from "@/components/ui/Verdict";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ key: string }>;
}

function keyOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await pageAllows({ permission: "story.read" }))) return { title: "Claim" };
  const claim = await loadClaimPage(db, keyOf((await params).key));
  return { title: claim ? `Claim: ${claim.statement.slice(0, 80)}` : "Claim" };
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function Mention({ m }: { m: ClaimMention }) {
  const dir = textDirection(m.article.language);
  return (
    <li className="rounded border border-stone-200 p-3" data-testid="claim-mention">
      <blockquote lang={m.article.language} dir={dir} className="text-stone-800">
        <span className="text-stone-500">…{m.prefix}</span>
        <mark className="bg-amber-100 px-0.5">{m.quote}</mark>
        <span className="text-stone-500">{m.suffix}…</span>
      </blockquote>
      <p className="mt-2 text-xs text-stone-600">
        <Link href={storyHref(m.article.story.key, [m.article.id])} className="underline">
          <bdi>{m.article.title ?? m.article.story.title}</bdi>
        </Link>
        {m.article.outlet ? (
          <>
            {" · "}
            <bdi>{m.article.outlet}</bdi>
          </>
        ) : null}
        {m.article.published ? ` · ${m.article.published}` : null}
        {m.orphaned ? " · not placed in the current text" : null}
        {` · ${m.reviewStatus.toLowerCase()}`}
      </p>
    </li>
  );
}

export default async function ClaimPage({ params }: Props) {
  await requirePage({ permission: "story.read" });
  const claim = await loadClaimPage(db, keyOf((await params).key));
  if (!claim) notFound();
  const mentions = claim.languages.reduce((n, l) => n + l.mentions.length, 0);
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <p className="text-sm text-stone-600">Claim{claim.key ? ` · ${claim.key}` : ""}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight" dir="auto" data-testid="claim-statement">
        {claim.statement}
      </h1>
      <dl className="mt-6 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-stone-600">Verdict</dt>
        <dd data-testid="claim-verdict">
          <Verdict verdict={claim.verdict} none="Not rated yet" large />
        </dd>
        <dt className="text-stone-600">Claimant</dt>
        <dd>
          {claim.claimant ? (
            <>
              <bdi>{claim.claimant.name}</bdi> ({claim.claimant.label})
              {claim.claimant.wikidataQid ? (
                <>
                  {" · "}
                  <a
                    className="underline"
                    href={`https://www.wikidata.org/wiki/${encodeURIComponent(claim.claimant.wikidataQid)}`}
                    rel="noopener noreferrer"
                  >
                    {claim.claimant.wikidataQid}
                  </a>
                </>
              ) : null}
            </>
          ) : (
            "—"
          )}
        </dd>
        <dt className="text-stone-600">Claim date</dt>
        <dd>{claim.claimDate ? <Day value={claim.claimDate} /> : "—"}</dd>
        {claim.note ? (
          <>
            <dt className="text-stone-600">Note</dt>
            <dd className="whitespace-pre-wrap" dir="auto">
              {claim.note}
            </dd>
          </>
        ) : null}
        <dt className="text-stone-600">Evidence</dt>
        <dd>
          {claim.evidenceUrls.length === 0 ? (
            "—"
          ) : (
            <ul data-testid="claim-evidence">
              {claim.evidenceUrls.map((url) => (
                <li key={url} className="break-all">
                  {isHttp(url) ? (
                    <a className="underline" href={url} rel="noopener noreferrer nofollow">
                      {url}
                    </a>
                  ) : (
                    url
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <h2 className="mt-10 text-lg font-semibold">
        Mentions ({mentions} in {claim.languages.length} {claim.languages.length === 1 ? "language" : "languages"})
      </h2>
      {claim.languages.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">No article states this claim.</p>
      ) : null}
      {claim.languages.map(({ language, mentions }) => (
        <section key={language} className="mt-4" data-testid="claim-language">
          <h3 className="text-sm font-medium text-stone-700">{language}</h3>
          <ul className="mt-2 space-y-2">
            {mentions.map((m) => (
              <Mention key={m.spanId} m={m} />
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
