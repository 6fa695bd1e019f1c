import Link from "next/link";
import type { ImportJobView } from "@/lib/import/jobs";
import { JobHistory } from "@/components/jobs/JobHistory";
import { Time } from "@/components/ui/Time";
import { plural } from "./format";

/** The user's recent imports, newest first; each opens its progress or report again. */
export function ImportHistory({ jobs, current }: { jobs: ImportJobView[]; current: string | null }) {
  return (
    <JobHistory
      id="import-history"
      title="Your recent imports"
      columns={["Started", "File", "Status", "Result"]}
      empty={jobs.length === 0}
    >
      {jobs.map((job) => (
        <tr
          key={job.id}
          data-testid={`import-${job.id}`}
          aria-current={job.id === current ? "true" : undefined}
          className={job.id === current ? "bg-blue-50" : undefined}
        >
          <td className="px-3 py-2 whitespace-nowrap">
            <Time value={job.createdAt} />
          </td>
          <td className="px-3 py-2 break-all">
            {job.fileName ?? "(pasted or sent as the body)"}
            {job.dryRun ? <span className="ml-1 text-stone-500">(dry run)</span> : null}
          </td>
          <td className="px-3 py-2">
            {job.status === "RUNNING" && job.progress?.totalBytes
              ? `running, ${Math.floor((job.progress.bytes / job.progress.totalBytes) * 100)}%`
              : job.status.toLowerCase()}
          </td>
          <td className="px-3 py-2">
            {job.result ? (
              <span className="text-stone-700">
                {job.result.report.imported.toLocaleString("en-US")} imported ·{" "}
                {job.result.report.updated.toLocaleString("en-US")} updated ·{" "}
                {plural(job.result.report.rejected.length, "rejected line")}
              </span>
            ) : job.error ? (
              <span className="text-red-700">{job.error.message}</span>
            ) : null}{" "}
            <Link href={`/import?job=${job.id}`} className="text-blue-700 underline">
              {job.status === "DONE" || job.status === "FAILED" ? "Open report" : "Follow"}
            </Link>
          </td>
        </tr>
      ))}
    </JobHistory>
  );
}
