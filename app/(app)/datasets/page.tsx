import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/policy";
import { listSnapshots } from "@/lib/export";
import { requirePage } from "@/lib/http/page";
import { DatasetTable } from "@/components/datasets/DatasetTable";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  const user = await requirePage({ permission: "export.run" });
  const datasets = await listSnapshots(db, { take: 500 });
  return (
    <main className="mx-auto max-w-7xl px-6 py-10">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Datasets</h1>
        {can(user, "snapshot.create") ? (
          <Link href="/datasets/new" className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white">
            New snapshot
          </Link>
        ) : null}
      </div>
      <p className="mt-1 mb-6 max-w-3xl text-sm text-stone-600">
        Snapshots are named, immutable versions of a dataset: the exported file is kept as it was written, with its
        filter, counts and SHA-256, so it can be downloaded again byte for byte, verified and cited.
      </p>
      {datasets.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-stone-600">
          No snapshots yet.
        </p>
      ) : (
        <DatasetTable datasets={datasets} />
      )}
    </main>
  );
}
