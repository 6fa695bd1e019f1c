import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/policy";
import { requirePage } from "@/lib/http/page";
import { loadStoryView } from "@/lib/reader/story-view";
import { liveHub } from "@/lib/live/process-hub";
import { ReaderWorkspace } from "@/components/reader/ReaderWorkspace";
import "@/components/reader/fonts";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ a?: string | string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  const story = await db.story.findUnique({ where: { key: decodeURIComponent(key) }, select: { title: true } });
  return { title: story?.title ?? "Story" };
}

export default async function StoryPage({ params, searchParams }: Props) {
  const user = await requirePage({ permission: "story.read" });
  const [{ key }, { a }] = await Promise.all([params, searchParams]);
  // Read before the story: the live feed replays every change after it, so none falls between.
  const liveCursor = await liveHub().horizon();
  const view = await loadStoryView(db, decodeURIComponent(key), a, user);
  if (!view) notFound();
  return (
    <ReaderWorkspace
      view={view}
      user={{ id: user.id, name: user.name }}
      canAnnotate={can(user, "annotation.write")}
      canReview={can(user, "annotation.review")}
      canAlign={can(user, "alignment.edit")}
      liveCursor={liveCursor}
    />
  );
}
