import Link from "next/link";
import { describeFilter, type ExportJobView } from "@/lib/export";
import { JobHistory } from "@/components/jobs/JobHistory";
import { Time } from "@/components/ui/Time";
import { formatBytes } from "./ui";

/** The user's recent background exports, each linking to its progress and file. */
export function RecentExports({ jobs }: { jobs: ExportJobView[] }) {
  return (
    <JobHistory
      id="recent-exports"
      title="Your recent background exports"
      columns={["Started", "Format", "Selection", "Status", "File"]}
      empty={jobs.length === 0}
    >
      {jobs.map((job) => (
        <tr key={job.id} data-testid={`job-${job.id}`}>
          <td className="px-3 py-2 whitespace-nowrap">
            <Link href={`/export?job=${job.id}`} className="underline">
              <Time value={job.createdAt} />
            </Link>
          </td>
          <td className="px-3 py-2">{job.format}</td>
          <td className="px-3 py-2 text-stone-600">{describeFilter(job.filter)}</td>
          <td className="px-3 py-2">
            {job.status === "RUNNING" && job.total
              ? `running, ${Math.floor((job.progress / job.total) * 100)}%`
              : job.expired
                ? "expired"
                : job.status.toLowerCase()}
            {job.status === "FAILED" && job.error ? (
              <span className="block text-xs text-red-700">{job.error}</span>
            ) : null}
          </td>
          <td className="px-3 py-2">
            {job.status === "DONE" && job.result ? (
              job.result.snapshotId ? (
                <Link href={`/datasets/${job.result.snapshotId}`} className="underline">
                  Dataset snapshot
                </Link>
              ) : job.expired ? (
                <span className="text-stone-600">Deleted after the retention period</span>
              ) : (
                <a href={`/api/exports/${job.id}/file`} download={job.result.fileName} className="underline">
                  {job.result.fileName} ({formatBytes(job.result.bytes)})
                </a>
              )
            ) : (
              "—"
            )}
          </td>
        </tr>
      ))}
    </JobHistory>
  );
}
