import Link from "next/link";
import { plural } from "./format";
import type { ImportReport, SpansFileReport, UploadResult } from "./types";

/** What an import did: counts, every rejected line with its reason, warnings. */
export function ImportResultView({ result }: { result: UploadResult }) {
  if (result.kind === "document") return <DocumentResultView result={result} />;
  return <ImportReportView report={result.report} spansFile={result.spansFile} />;
}

function DocumentResultView({ result: { result, story } }: { result: Extract<UploadResult, { kind: "document" }> }) {
  const verb = { imported: "Imported", updated: "Updated", skipped: "Already there, unchanged" }[result.action];
  return (
    <section aria-label="Import report" className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <p role="status" className="font-medium" data-testid="document-result">
        {verb}: a {result.length.toLocaleString("en-US")}-character article in the story “{story.title}”.
      </p>
      <p className="mt-2 flex flex-wrap gap-4">
        <Link href={`/stories/${encodeURIComponent(story.key)}`} className="text-blue-700 underline">
          Open the story
        </Link>
        <Link href={`/articles/${result.articleId}/revise`} className="text-blue-700 underline">
          Edit the text (new revision)
        </Link>
      </p>
      {result.warnings.length ? (
        <ul className="mt-3 list-disc pl-5 text-amber-800">
          {result.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function ImportReportView({
  report,
  spansFile,
  fileName,
}: {
  report: ImportReport;
  spansFile: SpansFileReport | null;
  /** The imported file's name, when known. */
  fileName?: string | null;
}) {
  const counts: [string, number, string][] = [
    ["imported", report.imported, report.dryRun ? "would be imported" : "imported"],
    ["updated", report.updated, report.dryRun ? "would be updated" : "updated"],
    ["skipped", report.skipped, "skipped (unchanged)"],
    ["rejected", report.rejected.length, "rejected"],
  ];
  return (
    <section aria-label="Import report" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <div role="status">
        <p className="font-medium">
          {report.dryRun
            ? "Dry run — nothing was written. "
            : report.aborted
              ? "Import stopped. "
              : "Import finished. "}
          {fileName ? `${fileName}: ` : ""}
          {plural(report.lines, "line")} in {(report.durationMs / 1000).toFixed(1)} s.
          {report.aborted ? " Stopped before the end of the file; what is counted here was written." : ""}
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {counts.map(([key, n, label]) => (
            <div key={key} className="rounded-md bg-stone-50 px-3 py-2" data-testid={`count-${key}`}>
              <dt className="text-stone-600">{label}</dt>
              <dd className="text-2xl font-semibold tabular-nums">{n.toLocaleString("en-US")}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-stone-600">
          {plural(report.spans, "span")}, {plural(report.entities, "new entity", "new entities")},{" "}
          {plural(report.claims, "new claim")}
          {report.revisions
            ? `; ${plural(report.revisions, "new revision")} (${plural(report.orphanedSpans, "span")} flagged for review)`
            : ""}
          .
        </p>
      </div>

      {report.rejected.length ? (
        <table className="w-full text-left" aria-label="Rejected lines">
          <thead className="text-stone-600">
            <tr>
              <th scope="col" className="w-20 py-1 pr-3 font-medium">
                Line
              </th>
              <th scope="col" className="py-1 font-medium">
                Reason
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rejected.map((r) => (
              <tr key={r.line} className="border-t border-stone-200 align-top" data-testid={`rejected-${r.line}`}>
                <td className="py-1.5 pr-3 tabular-nums">{r.line}</td>
                <td className="py-1.5 break-words text-red-800">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {spansFile ? <SpansFileView report={spansFile} /> : null}

      {report.warnings.length ? (
        <details>
          <summary className="cursor-pointer text-amber-800">{plural(report.warnings.length, "warning")}</summary>
          <ul className="mt-2 space-y-1">
            {report.warnings.map((w, i) => (
              <li key={i}>
                <span className="tabular-nums">line {w.line}:</span> {w.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <p>
        <Link href="/" className="text-blue-700 underline">
          Go to the stories
        </Link>
      </p>
    </section>
  );
}

function SpansFileView({ report }: { report: SpansFileReport }) {
  return (
    <div data-testid="spans-file-report">
      <p>
        Spans file: {plural(report.lines, "line")}, spans merged into {plural(report.matched, "article")}.
      </p>
      {report.unmatched.length || report.rejected.length ? (
        <ul className="mt-1 list-disc pl-5 text-amber-800">
          {report.unmatched.map((u) => (
            <li key={`u${u.line}`}>
              spans line {u.line}: no article with external_id “{u.externalId}” in this import
            </li>
          ))}
          {report.rejected.map((r) => (
            <li key={`r${r.line}`}>
              spans line {r.line}: {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
