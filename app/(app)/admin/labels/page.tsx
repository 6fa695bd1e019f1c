import type { Metadata } from "next";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { listLabelsForAdmin } from "@/lib/taxonomy/labels";
import { TaxonomyAdmin } from "@/components/admin/taxonomy/TaxonomyAdmin";

export const metadata: Metadata = { title: "Labels" };

export default async function LabelsPage() {
  await requirePage({ permission: "taxonomy.manage" });
  const labels = await listLabelsForAdmin(db);
  return (
    <main className="mx-auto max-w-6xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Labels</h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">
        The entity types and the claim label editors tag spans with. Each has a colour and a one-key shortcut for the
        label picker. A label in use is archived rather than deleted: its spans keep it, but it is no longer offered.
      </p>
      <TaxonomyAdmin kind="labels" rows={labels} />
    </main>
  );
}
