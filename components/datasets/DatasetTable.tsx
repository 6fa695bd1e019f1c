import Link from "next/link";
import { describeFilter, type SnapshotView } from "@/lib/export";
import { Time } from "@/components/ui/Time";
import { formatBytes } from "@/components/export/ui";

/** Every dataset snapshot: what it holds, its size and hash, who froze it and when, and its file. */
export function DatasetTable({ datasets }: { datasets: SnapshotView[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Dataset snapshots">
        <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
          <tr>
            <th className="px-3 py-2 font-medium">Name and selection</th>
            <th className="px-3 py-2 font-medium">Format</th>
            <th className="px-3 py-2 font-medium">Contents</th>
            <th className="px-3 py-2 font-medium">Size</th>
            <th className="px-3 py-2 font-medium">SHA-256</th>
            <th className="px-3 py-2 font-medium">Created</th>
            <th className="px-3 py-2 font-medium">File</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {datasets.map((d) => (
            <tr key={d.id} data-testid={`dataset-${d.id}`} className="align-top">
              <td className="px-3 py-2">
                <Link href={`/datasets/${d.id}`} className="font-medium underline">
                  <bdi>{d.name}</bdi>
                </Link>
                <span className="block text-xs text-stone-500">{describeFilter(d.filter)}</span>
              </td>
              <td className="px-3 py-2">{d.format}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {d.counts.articles.toLocaleString("en")} articles, {d.counts.spans.total.toLocaleString("en")} spans
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{formatBytes(d.byteSize)}</td>
              <td className="px-3 py-2 font-mono text-xs" title={d.sha256}>
                {d.sha256.slice(0, 12)}…
              </td>
              <td className="px-3 py-2">
                <Time value={d.createdAt} />
                <span className="block text-stone-500">
                  {d.createdBy ? <bdi>{d.createdBy.name}</bdi> : "command line"}
                </span>
              </td>
              <td className="px-3 py-2">
                <a href={`/api/datasets/${d.id}/file`} download={d.fileName} className="underline">
                  Download<span className="sr-only"> {d.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
