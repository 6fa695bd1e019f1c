import Link from "next/link";
import { describeFilter, type ExportJobView } from "@/lib/export";
import { Time } from "@/components/ui/Time";
import { formatBytes } from "./ui";

/** The user's recent background exports, each linking to its progress and file. */
export function RecentExports({ jobs }: { jobs: ExportJobView[] }) {
  return (
    <section className="mt-10" aria-labelledby="recent-exports">
      <h2 id="recent-exports" className="text-lg font-medium">
        Your recent background exports
      </h2>
      {jobs.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">None yet.</p>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your recent background exports, newest first</caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                <th className="px-3 py-2 font-medium">Started</th>
                <th className="px-3 py-2 font-medium">Format</th>
                <th className="px-3 py-2 font-medium">Selection</th>
                <th className="px-3 py-2 font-medium">Status</th>
                <th className="px-3 py-2 font-medium">File</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
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
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
