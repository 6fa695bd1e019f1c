import type { Metadata } from "next";
import { db } from "@/lib/db";
import { exportFilterOptions } from "@/lib/export/options";
import { requirePage } from "@/lib/http/page";
import { ExportBuilder } from "@/components/export/ExportBuilder";
import { formatChoices } from "@/components/export/format-choices";

export const metadata: Metadata = { title: "New dataset snapshot" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function NewDatasetPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePage({ permission: "snapshot.create" });
  const job = (await searchParams).job;
  const options = await exportFilterOptions(db);
  return (
    <main className="mx-auto max-w-7xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">New dataset snapshot</h1>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-stone-600">
        Choose what the dataset holds and its format, check the counts, and name it. The file is written in the
        background; once done it never changes.
      </p>
      <ExportBuilder
        mode="snapshot"
        options={options}
        formats={formatChoices()}
        initial={{}}
        initialFormat="jsonl"
        initialJobId={typeof job === "string" && UUID.test(job) ? job : null}
        canSnapshot
      />
    </main>
  );
}
