import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listAssignments } from "@/lib/assignments/assignments";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { AssignForm } from "@/components/assignments/AssignForm";
import { AssignmentTable } from "@/components/assignments/AssignmentTable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Assignments" };

export default async function StoryAssignmentsPage({ params }: { params: Promise<{ key: string }> }) {
  const user = await requirePage({ permission: "story.read" });
  const key = decodeURIComponent((await params).key);
  const story = await db.story.findUnique({
    where: { key },
    select: {
      id: true,
      key: true,
      title: true,
      articles: { select: { language: true }, orderBy: { language: "asc" } },
    },
  });
  if (!story) notFound();
  const manage = can(user, "assignment.manage");
  const [assignments, users] = await Promise.all([
    listAssignments(db, { storyId: story.id }),
    manage
      ? db.user.findMany({
          where: { disabledAt: null, role: { in: ["ADMIN", "EDITOR"] } },
          select: { id: true, name: true, email: true },
          orderBy: { name: "asc" },
        })
      : Promise.resolve([]),
  ]);
  const storyHref = `/stories/${encodeURIComponent(story.key)}`;
  return (
    <main className="mx-auto max-w-7xl space-y-6 px-6 py-10">
      <div>
        <p className="text-sm text-stone-500">
          <Link href={storyHref}>{story.title}</Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Assignments</h1>
        {manage ? (
          <p className="mt-1 text-sm">
            <Link href={`${storyHref}/agreement`} className="underline">
              Agreement between the annotators
            </Link>
          </p>
        ) : null}
      </div>
      {assignments.length ? (
        <AssignmentTable assignments={assignments} showAnnotator canChange={(a) => manage || a.user.id === user.id} />
      ) : (
        <p className="text-sm text-stone-600">No version of this story is assigned yet.</p>
      )}
      {manage ? (
        <AssignForm storyId={story.id} languages={story.articles.map((a) => a.language)} users={users} />
      ) : null}
    </main>
  );
}
