import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/policy";
import { pageAllows, requirePage } from "@/lib/http/page";
import { loadStoryView } from "@/lib/reader/story-view";
import { liveHub } from "@/lib/live/process-hub";
import { ReaderWorkspace } from "@/components/reader/ReaderWorkspace";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ a?: string | string[] }>;
}

const ACCESS = { permission: "story.read" } as const;

/** The story's title, for those who may read it; anyone else learns nothing (not even whether the key exists). */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await pageAllows(ACCESS))) return { title: "Story" };
  const { key } = await params;
  const story = await db.story.findUnique({ where: { key: keyOf(key) }, select: { title: true } });
  return { title: story?.title ?? "Story" };
}

function keyOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export default async function StoryPage({ params, searchParams }: Props) {
  const user = await requirePage(ACCESS);
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
      canRename={can(user, "article.revise")}
      canManage={can(user, "assignment.manage")}
      liveCursor={liveCursor}
    />
  );
}
