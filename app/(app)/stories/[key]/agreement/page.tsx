import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { assertMayReadAgreement, loadAgreementReport } from "@/lib/agreement/load";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requirePage } from "@/lib/http/page";
import { AgreementTables } from "@/components/agreement/AgreementTables";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Agreement" };

interface Props {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ language?: string | string[] }>;
}

export default async function AgreementPage({ params, searchParams }: Props) {
  const user = await requirePage({ permission: "assignment.manage" });
  const [{ key }, { language }] = await Promise.all([params, searchParams]);
  const storyKey = decodeURIComponent(key);
  const story = await db.story.findUnique({
    where: { key: storyKey },
    select: { key: true, title: true, articles: { select: { language: true }, orderBy: { language: "asc" } } },
  });
  if (!story) notFound();
  const languages = (Array.isArray(language) ? language : language ? [language] : []).filter(Boolean);
  const scope = { storyKeys: [storyKey], languages };
  const q = new URLSearchParams([["story", storyKey], ...languages.map((l) => ["language", l])]);
  let blocked: string | null = null;
  try {
    await assertMayReadAgreement(db, user.id, scope);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    blocked = error.message;
  }
  const report = blocked ? null : await loadAgreementReport(db, scope);
  const tab = (href: string, label: string, active: boolean) => (
    <Link
      key={label}
      href={href}
      className={`rounded-md px-3 py-1 text-sm ${active ? "bg-stone-900 text-white" : "bg-stone-100 text-stone-700"}`}
    >
      {label}
    </Link>
  );
  const base = `/stories/${encodeURIComponent(storyKey)}/agreement`;
  return (
    <main className="mx-auto max-w-7xl px-6 py-10">
      <p className="text-sm text-stone-500">
        <Link href={`/stories/${encodeURIComponent(storyKey)}`}>{story.title}</Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">Inter-annotator agreement</h1>
      <nav className="mt-4 mb-6 flex flex-wrap gap-2" aria-label="Language versions">
        {tab(base, "All languages", languages.length === 0)}
        {story.articles.map((a) =>
          tab(`${base}?language=${encodeURIComponent(a.language)}`, a.language, languages.join() === a.language),
        )}
        <span className="ml-auto flex gap-3 text-sm">
          <Link
            href={`/stories/${encodeURIComponent(storyKey)}/curate${languages[0] ? `?v=${encodeURIComponent(languages[0])}` : ""}`}
          >
            Curate
          </Link>
          <a href={`/api/agreement?${q}&format=csv`}>CSV</a>
          <a href={`/api/agreement?${q}`}>JSON</a>
        </span>
      </nav>
      {blocked ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-6 text-amber-900">{blocked}</p>
      ) : (
        <AgreementTables report={report!} assignHref={`/stories/${encodeURIComponent(storyKey)}/assignments`} />
      )}
    </main>
  );
}
