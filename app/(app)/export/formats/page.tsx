import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/http/page";
import { MarkdownDoc } from "@/components/export/MarkdownDoc";

export const metadata: Metadata = { title: "Export formats" };

/** The export sections of docs/formats.md (the formats' specs), in the app. */
export default async function ExportFormatsPage() {
  await requirePage({ permission: "export.run" });
  const doc = await readFile(path.join(process.cwd(), "docs", "formats.md"), "utf8").catch(() => null);
  // From the first export section on: the import sections are for another page.
  const start = doc?.indexOf("\n## Parallax JSONL (export)") ?? -1;
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <p className="text-sm">
        <Link href="/export" className="underline">
          ← Export
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Export formats</h1>
      {doc ? (
        <MarkdownDoc markdown={start >= 0 ? doc.slice(start) : doc} />
      ) : (
        <p className="mt-4 text-stone-600">The format documentation (docs/formats.md) is not installed here.</p>
      )}
    </main>
  );
}
