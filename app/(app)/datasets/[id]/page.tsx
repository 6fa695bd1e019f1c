import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { describeFilter, getSnapshot, type SnapshotView } from "@/lib/export";
import { requirePage } from "@/lib/http/page";
import { CopyText } from "@/components/datasets/CopyText";
import { RetireButton } from "@/components/datasets/RetireButton";
import { VerifyButton } from "@/components/datasets/VerifyButton";
import { can } from "@/lib/authz/policy";
import { buttonClass, formatBytes, primaryClass } from "@/components/export/ui";
import { Time } from "@/components/ui/Time";

export const metadata: Metadata = { title: "Dataset" };

async function load(id: string): Promise<SnapshotView> {
  try {
    return await getSnapshot(db, { id });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage({ permission: "export.run" });
  const d = await load((await params).id);
  const rows: [string, React.ReactNode][] = [
    ["Format", d.format],
    ["Selection", describeFilter(d.filter)],
    [
      "Contents",
      `${d.counts.articles.toLocaleString("en")} articles, ${d.counts.spans.total.toLocaleString("en")} spans, ${d.counts.entities.toLocaleString("en")} entities, ${d.counts.claims.toLocaleString("en")} claims`,
    ],
    ["Size", `${formatBytes(d.byteSize)} (${d.byteSize.toLocaleString("en")} bytes)`],
    [
      "SHA-256",
      <code key="sha" className="font-mono text-xs break-all" data-testid="dataset-sha256">
        {d.sha256}
      </code>,
    ],
    ["Created", <Time key="t" value={d.createdAt} />],
    ["Created by", d.createdBy?.name ?? "the command line"],
  ];
  if (d.agreement) {
    rows.push([
      "Agreement report",
      <span key="agreement">
        {formatBytes(d.agreement.byteSize)}, SHA-256{" "}
        <code className="font-mono text-xs break-all" data-testid="dataset-agreement-sha256">
          {d.agreement.sha256}
        </code>
      </span>,
    ]);
  }
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <p className="text-sm">
        <Link href="/datasets" className="underline">
          ← Datasets
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{d.name}</h1>
      {d.retiredAt ? (
        <p
          role="note"
          data-testid="dataset-retired"
          className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          Retired on <Time value={d.retiredAt} />: no longer listed; kept so that links and citations still work.
        </p>
      ) : null}
      {d.description ? <p className="mt-2 whitespace-pre-wrap text-stone-700">{d.description}</p> : null}
      <dl className="mt-6 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-stone-600">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-6 flex flex-wrap items-start gap-4">
        <a href={`/api/datasets/${d.id}/file`} download={d.fileName} className={primaryClass}>
          Download {d.fileName}
        </a>
        {d.agreement && can(user, "assignment.manage") ? (
          <a href={`/api/datasets/${d.id}/agreement`} download={d.agreement.fileName} className={buttonClass}>
            Download the agreement report
          </a>
        ) : null}
        <VerifyButton datasetId={d.id} />
        {can(user, "snapshot.retire") && !d.retiredAt ? <RetireButton datasetId={d.id} name={d.name} /> : null}
      </div>
      <p className="mt-2 text-sm text-stone-600">
        To check a download yourself: <code className="rounded bg-stone-100 px-1">sha256sum {d.fileName}</code> must
        print the SHA-256 above.
      </p>
      <section className="mt-8" aria-labelledby="cite">
        <h2 id="cite" className="text-lg font-medium">
          Cite this dataset
        </h2>
        <div className="mt-2">
          <CopyText text={d.citation} label="Copy citation" />
        </div>
      </section>
      <details className="mt-8 text-sm">
        <summary className="cursor-pointer font-medium">The filter as JSON</summary>
        <pre className="mt-2 overflow-x-auto rounded-md bg-stone-100 p-3 text-xs">
          {JSON.stringify(d.filter, null, 2)}
        </pre>
      </details>
    </main>
  );
}
