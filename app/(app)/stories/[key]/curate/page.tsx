import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/authz/policy";
import { loadCurationView } from "@/lib/curation/view";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { CurationWorkspace } from "@/components/reader/CurationWorkspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Curation" };

interface Props {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ v?: string | string[] }>;
}

/**
 * Adjudication of a language version (`?v=` a language or an article id):
 * curators (assignment.manage) settle the annotators' disagreements; an
 * annotator who marked the version done sees their work beside the curated
 * result. An annotator still at work sees neither.
 */
export default async function CurationPage({ params, searchParams }: Props) {
  const user = await requirePage({ permission: "story.read" });
  const [{ key }, { v }] = await Promise.all([params, searchParams]);
  const storyKey = decodeURIComponent(key);
  const ref = (Array.isArray(v) ? v[0] : v) ?? null;
  const view = await loadCurationView(db, storyKey, ref, user, "curate");
  if (!view) notFound();
  const mine = await db.assignment.findUnique({
    where: { articleId_userId: { articleId: view.article.id, userId: user.id } },
    select: { mode: true, status: true },
  });
  const annotator = mine?.mode === "INDEPENDENT";
  let blocked: string | null = null;
  if (annotator && mine.status !== "DONE") {
    blocked = "You are annotating this version independently: mark your assignment done to see the curation.";
  } else if (!can(user, "assignment.manage") && !annotator) {
    blocked = "Curation is for editors, and for the annotators of a version once they are done.";
  }
  if (blocked) {
    return (
      <main className="mx-auto max-w-3xl px-6 py-10">
        <p className="text-sm text-stone-500">
          <Link href={`/stories/${encodeURIComponent(storyKey)}`}>Back to the story</Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Curation</h1>
        <p className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-6 text-amber-900">{blocked}</p>
      </main>
    );
  }
  if (can(user, "assignment.manage")) return <CurationWorkspace key={view.article.id} view={view} />;
  const review = await loadCurationView(db, storyKey, view.article.id, user, "review");
  if (!review) notFound();
  return <CurationWorkspace key={review.article.id} view={review} />;
}
