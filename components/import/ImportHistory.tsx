import Link from "next/link";
import type { ImportJobView } from "@/lib/import/jobs";
import { Time } from "@/components/ui/Time";
import { plural } from "./format";

/** The user's recent imports, newest first; each opens its progress or report again. */
export function ImportHistory({ jobs, current }: { jobs: ImportJobView[]; current: string | null }) {
  return (
    <section className="mt-10" aria-labelledby="import-history">
      <h2 id="import-history" className="text-lg font-medium">
        Your recent imports
      </h2>
      {jobs.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">None yet.</p>
      ) : (
        <div className="mt-3 overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your recent imports, newest first</caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
              <tr>
                <th className="px-3 py-2 font-medium">Started</th>
                <th className="px-3 py-2 font-medium">File</th>
                <th className="px-3 py-2 font-medium">Status</th>
                <th className="px-3 py-2 font-medium">Result</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
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
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
