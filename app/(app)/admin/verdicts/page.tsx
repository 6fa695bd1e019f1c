import type { Metadata } from "next";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { listVerdictsForAdmin } from "@/lib/taxonomy/verdicts";
import { TaxonomyAdmin } from "@/components/admin/taxonomy/TaxonomyAdmin";

export const metadata: Metadata = { title: "Verdicts" };

export default async function VerdictsPage() {
  await requirePage({ permission: "taxonomy.manage" });
  const verdicts = await listVerdictsForAdmin(db);
  return (
    <main className="mx-auto max-w-6xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Verdicts</h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">
        The rating scale for fact-checked claims, from worst to best. The value is the rating on the scale that exports
        carry (schema.org ratingValue). A verdict some claim has is archived rather than deleted.
      </p>
      <TaxonomyAdmin kind="verdicts" rows={verdicts} />
    </main>
  );
}
