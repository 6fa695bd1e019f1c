import Link from "next/link";
import type { AssignmentDTO } from "@/lib/assignments/assignments";
import { AssignmentStatusButton } from "./AssignmentStatusButton";

const STATUS = { TODO: "To do", IN_PROGRESS: "In progress", DONE: "Done" } as const;
const th = "border-b border-stone-200 px-3 py-2 text-left font-medium text-stone-600";
const td = "border-b border-stone-100 px-3 py-2";

/** Assignments with status, counts and (where the viewer may) the done/reopen button. */
export function AssignmentTable({
  assignments,
  showAnnotator,
  canChange,
}: {
  assignments: AssignmentDTO[];
  showAnnotator: boolean;
  canChange: (a: AssignmentDTO) => boolean;
}) {
  return (
    <table className="w-full text-sm" data-testid="assignments">
      <thead>
        <tr>
          <th className={th}>Story</th>
          <th className={th}>Language</th>
          {showAnnotator ? <th className={th}>Annotator</th> : null}
          <th className={th}>Mode</th>
          <th className={th}>Due</th>
          <th className={th}>Status</th>
          <th className={th}>Spans</th>
          <th className={th}></th>
        </tr>
      </thead>
      <tbody>
        {assignments.map((a) => (
          <tr key={a.id} data-testid={`assignment-${a.language}-${a.user.email}`}>
            <td className={td}>
              <Link href={`/stories/${encodeURIComponent(a.storyKey)}?a=${a.articleId}`} className="underline">
                {a.storyTitle}
              </Link>
            </td>
            <td className={td}>{a.language}</td>
            {showAnnotator ? <td className={td}>{a.user.name}</td> : null}
            <td className={td}>{a.mode === "INDEPENDENT" ? "Independent" : "Collaborative"}</td>
            <td className={td}>{a.dueAt ?? "—"}</td>
            <td className={td} data-testid="status">
              {STATUS[a.status]}
            </td>
            <td className={`${td} tabular-nums`}>{a.spans}</td>
            <td className={td}>
              {canChange(a) ? <AssignmentStatusButton id={a.id} done={a.status === "DONE"} /> : null}
              {a.mode === "INDEPENDENT" && a.status === "DONE" ? (
                <Link
                  href={`/stories/${encodeURIComponent(a.storyKey)}/curate?v=${a.articleId}`}
                  className="ml-2 underline"
                >
                  Curation
                </Link>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
