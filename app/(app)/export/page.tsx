import type { Metadata } from "next";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/policy";
import { isExportFormat, listExportJobs } from "@/lib/export";
import { exportFilterOptions } from "@/lib/export/options";
import { requirePage } from "@/lib/http/page";
import { ExportBuilder } from "@/components/export/ExportBuilder";
import { formatChoices } from "@/components/export/format-choices";
import { RecentExports } from "@/components/export/RecentExports";

export const metadata: Metadata = { title: "Export" };

type SearchParams = Record<string, string | string[] | undefined>;
const all = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Exports: `?story=KEY&language=sv&format=csv` pre-fill the selection;
 * `?job=ID` shows a background export's progress (it survives a reload).
 */
export default async function ExportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePage({ permission: "export.run" });
  const params = await searchParams;
  const [options, jobs] = await Promise.all([
    exportFilterOptions(db),
    listExportJobs(db, { createdById: user.id, take: 10 }),
  ]);
  const format = all(params.format)[0];
  const job = all(params.job)[0];
  return (
    <main className="mx-auto max-w-7xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Export</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-stone-600">
        Choose what to export — nothing chosen in a group means everything — and a format. The preview counts what the
        file will contain. Small exports download at once; large ones run in the background, and you can leave or reload
        this page while they do.
      </p>
      <ExportBuilder
        options={options}
        formats={formatChoices()}
        initial={{ stories: all(params.story), languages: all(params.language), layer: all(params.layer)[0] ?? "" }}
        initialFormat={format && isExportFormat(format) ? format : "jsonl"}
        initialJobId={job && UUID.test(job) ? job : null}
        canSnapshot={can(user, "snapshot.create")}
      />
      <RecentExports jobs={jobs} />
    </main>
  );
}
