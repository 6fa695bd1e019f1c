import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";

interface Props {
  children: React.ReactNode;
  params: Promise<{ key: string }>;
}

/**
 * Answers 404 for a story that does not exist. The check sits outside the
 * page's loading screen (loading.tsx streams first, after which the status
 * can no longer change), so it runs before anything is sent; the stories
 * segment's not-found page says so.
 */
export default async function StoryLayout({ children, params }: Props) {
  // Signed-out visitors are sent to sign in before learning whether a key exists.
  await requirePage({ permission: "story.read" });
  const { key } = await params;
  const story = await db.story.findUnique({ where: { key: decodeURIComponent(key) }, select: { id: true } });
  if (!story) notFound();
  return children;
}
