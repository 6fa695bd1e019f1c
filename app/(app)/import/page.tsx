import type { Metadata } from "next";
import { db } from "@/lib/db";
import { requirePage } from "@/lib/http/page";
import { MAX_BODY_BYTES, MAX_DOCUMENT_BYTES, MAX_SPANS_FILE_BYTES, MAX_UPLOAD_BYTES } from "@/lib/import/limits";
import { listImportJobs } from "@/lib/import/jobs";
import { storyChoices } from "@/lib/import/upload";
import { ImportForm } from "@/components/import/ImportForm";
import { ImportHistory } from "@/components/import/ImportHistory";

export const metadata: Metadata = { title: "Import" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?job=ID` follows an import job: its progress, then its report (it survives a reload). */
export default async function ImportPage({ searchParams }: { searchParams: Promise<{ job?: string | string[] }> }) {
  const user = await requirePage({ permission: "article.import" });
  const { job } = await searchParams;
  const jobId = typeof job === "string" && UUID.test(job) ? job.toLowerCase() : null;
  const [stories, jobs] = await Promise.all([storyChoices(db), listImportJobs(db, { createdById: user.id })]);
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Import</h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">
        Bring articles in: a JSONL file of many articles (with their spans, or a separate spans file keyed by
        external_id), or one document — uploaded or pasted. Importing the same articles again updates or skips them,
        never duplicates. A file runs as a background job: you can leave or reload the page and come back to its
        progress and report below. Scripts can use the same import through the API (<code>POST /api/import</code>).
      </p>
      <ImportForm
        stories={stories}
        limits={{
          uploadBytes: MAX_UPLOAD_BYTES,
          documentBytes: MAX_DOCUMENT_BYTES,
          bodyBytes: MAX_BODY_BYTES,
          spansBytes: MAX_SPANS_FILE_BYTES,
        }}
        jobId={jobId}
      />
      <ImportHistory jobs={jobs} current={jobId} />
    </main>
  );
}
