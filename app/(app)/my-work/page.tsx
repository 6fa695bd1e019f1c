import type { Metadata } from "next";
import { listAssignments } from "@/lib/assignments/assignments";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { AssignmentTable } from "@/components/assignments/AssignmentTable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My work" };

export default async function MyWorkPage() {
  const user = await requirePage({ permission: "annotation.write" });
  const assignments = await listAssignments(db, { userId: user.id });
  const count = (s: string) => assignments.filter((a) => a.status === s).length;
  return (
    <main className="mx-auto max-w-7xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">My work</h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">
        {count("TODO")} to do, {count("IN_PROGRESS")} in progress, {count("DONE")} done. In an independent assignment
        you see and write only your own annotations until a curator brings them together.
      </p>
      {assignments.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-stone-600">
          Nothing assigned to you.
        </p>
      ) : (
        <AssignmentTable assignments={assignments} showAnnotator={false} canChange={() => true} />
      )}
    </main>
  );
}
