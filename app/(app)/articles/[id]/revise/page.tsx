import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { articleForRevision } from "@/lib/revisions/edit";
import { OrphanedSpans } from "@/components/articles/OrphanedSpans";
import { ReviseArticleForm } from "@/components/articles/ReviseArticleForm";

export const metadata: Metadata = { title: "Revise article" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ReviseArticlePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage({ permission: "article.revise" });
  const { id } = await params;
  const article = UUID.test(id) ? await articleForRevision(db, id.toLowerCase()) : null;
  if (!article) notFound();
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <p className="text-sm text-stone-600">
        <Link href={`/stories/${encodeURIComponent(article.story.key)}`} className="text-blue-700 underline">
          {article.story.title}
        </Link>{" "}
        · {article.language}
        {article.outlet ? ` · ${article.outlet}` : ""}
      </p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight" lang={article.language} dir="auto">
        {article.title ?? "Untitled article"}
      </h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">
        Revision {article.revision} · {article.spanCount} span{article.spanCount === 1 ? "" : "s"}. Saving a changed
        text makes a new revision: spans move with their text (found by quote and context); those that cannot be found
        are kept and flagged for review.
      </p>
      <ReviseArticleForm
        article={{
          id: article.id,
          title: article.title,
          text: article.text,
          revision: article.revision,
          language: article.language,
        }}
      />
      <OrphanedSpans spans={article.orphaned} />
    </main>
  );
}
