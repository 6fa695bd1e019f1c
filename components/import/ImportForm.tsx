"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState, type FormEvent } from "react";
import { StatusLine, buttonClass, inputClass, primaryClass } from "@/components/admin/taxonomy/ui";
import { DocumentFields } from "./DocumentFields";
import { FileDrop } from "./FileDrop";
import { formatFromFileName, humanBytes, type ImportFileFormat } from "@/lib/import/file-format";
import { ImportJobPanel } from "./ImportJobPanel";
import { ImportProgressBar } from "./ImportProgressBar";
import { ImportResultView } from "./ImportReportView";
import type { ImportLimits } from "./types";
import { useImportUpload } from "./useImportUpload";

const FORMAT_NAMES: Record<ImportFileFormat, string> = {
  jsonl: "JSONL (one article per line)",
  txt: "Plain text",
  md: "Markdown",
  html: "HTML",
};

/**
 * The import form: upload a file (dropped or chosen) or paste text, then
 * follow the import's progress and read its report. A JSONL import is a
 * background job whose id goes into the URL (`?job=ID`): a reload, or
 * another tab, follows the same job.
 */
export function ImportForm({
  stories,
  limits,
  jobId,
}: {
  stories: { key: string; title: string }[];
  limits: ImportLimits;
  /** The job the page follows (from the URL). */
  jobId: string | null;
}) {
  const router = useRouter();
  const { state, start, reset } = useImportUpload();
  const [mode, setMode] = useState<"file" | "paste">("file");
  const [file, setFile] = useState<File | null>(null);
  const [spans, setSpans] = useState<File | null>(null);
  const [pasteFormat, setPasteFormat] = useState<ImportFileFormat>("txt");
  const [problem, setProblem] = useState<string | null>(null);
  const formatId = useId();
  const textId = useId();

  const format: ImportFileFormat | null = mode === "paste" ? pasteFormat : file ? formatFromFileName(file.name) : null;
  const busy = state.phase === "uploading";

  // Leaving while the file uploads loses the upload: ask first (the job itself goes on without the page).
  useEffect(() => {
    if (!busy) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setProblem(null);
    const refusal = check();
    if (refusal) {
      setProblem(refusal);
      return;
    }
    const data = new FormData(e.currentTarget);
    data.set("format", format!);
    data.delete("file");
    data.delete("spans");
    if (mode === "file") {
      data.delete("text");
      data.set("file", file!);
      if (format === "jsonl" && spans) data.set("spans", spans);
    }
    void start(data).then((next) => {
      if (next.phase === "queued") router.replace(`/import?job=${encodeURIComponent(next.job.id)}`, { scroll: false });
      else if (jobId) router.replace("/import", { scroll: false });
    });
  };

  const clear = () => {
    reset();
    if (jobId) router.replace("/import", { scroll: false });
  };

  const check = (): string | null => {
    if (mode === "file") {
      if (!file) return "Choose a file to import, or drop one on the box.";
      if (!format) return `“${file.name}” is not a .jsonl, .txt, .md or .html file.`;
      if (format === "jsonl") {
        const total = file.size + (spans?.size ?? 0);
        if (total > limits.uploadBytes) {
          return `The files are too large to upload here: ${humanBytes(total)}; the limit is ${humanBytes(limits.uploadBytes)}. Use the API with the JSONL as the request body (docs/import-api.md) or the command line.`;
        }
        if (spans && spans.size > limits.spansBytes) {
          return `The spans file is too large: ${humanBytes(spans.size)}; the limit is ${humanBytes(limits.spansBytes)}.`;
        }
      } else if (file.size > limits.documentBytes) {
        return `The document is too large: ${humanBytes(file.size)}; the limit is ${humanBytes(limits.documentBytes)}.`;
      }
    }
    return null;
  };

  return (
    <div className="space-y-6">
      <form onSubmit={submit} aria-label="Import articles" className="space-y-5" noValidate={false}>
        <fieldset className="flex flex-wrap gap-5 text-sm">
          <legend className="sr-only">What to import</legend>
          {(["file", "paste"] as const).map((m) => (
            <label key={m} className="flex cursor-pointer items-center gap-2 font-medium">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === "file" ? "Upload a file" : "Paste text"}
            </label>
          ))}
        </fieldset>

        {mode === "file" ? (
          <div className="space-y-3">
            <FileDrop
              name="file"
              label="Article file"
              hint={`.jsonl (many articles, with optional spans) or one .txt, .md or .html document; drop it here or choose it. Up to ${humanBytes(limits.uploadBytes)}; each article body up to ${humanBytes(limits.bodyBytes)}.`}
              accept=".jsonl,.ndjson,.txt,.md,.markdown,.html,.htm,application/x-ndjson,text/plain,text/markdown,text/html"
              file={file}
              onFile={setFile}
            />
            {format === "jsonl" ? (
              <FileDrop
                name="spans"
                label="Spans file (optional)"
                hint="Spans keyed by external_id, one article per line, in the format of gold-spans.jsonl; merged into the articles' own spans."
                accept=".jsonl,.ndjson,application/x-ndjson"
                file={spans}
                onFile={setSpans}
              />
            ) : null}
            {file && format ? (
              <p className="text-sm text-stone-600" data-testid="detected-format">
                Format: {FORMAT_NAMES[format]}
              </p>
            ) : null}
          </div>
        ) : (
          <div className="space-y-3">
            <div className="text-sm">
              <label htmlFor={formatId} className="font-medium">
                Format
              </label>
              <select
                id={formatId}
                value={pasteFormat}
                onChange={(e) => setPasteFormat(e.currentTarget.value as ImportFileFormat)}
                className={`${inputClass} max-w-xs`}
              >
                {(["txt", "md", "html", "jsonl"] as const).map((f) => (
                  <option key={f} value={f}>
                    {FORMAT_NAMES[f]}
                  </option>
                ))}
              </select>
            </div>
            <div className="text-sm">
              <label htmlFor={textId} className="font-medium">
                Text
              </label>
              <textarea id={textId} name="text" required rows={12} dir="auto" className={`${inputClass} font-mono`} />
            </div>
          </div>
        )}

        {format && format !== "jsonl" ? <DocumentFields stories={stories} /> : null}
        {format === "jsonl" ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="dryRun" value="true" />
            Check only (dry run: report what would happen, write nothing)
          </label>
        ) : null}

        {problem ? <StatusLine status={{ kind: "error", text: problem }} /> : null}
        <div className="flex gap-2">
          <button type="submit" disabled={busy} className={primaryClass}>
            {busy ? "Uploading…" : "Import"}
          </button>
          {state.phase === "done" || state.phase === "failed" || (jobId && state.phase !== "uploading") ? (
            <button type="button" className={buttonClass} onClick={clear}>
              Clear report
            </button>
          ) : null}
        </div>
      </form>

      {state.phase === "uploading" ? <ImportProgressBar state={state} /> : null}
      {state.phase === "failed" ? <StatusLine status={{ kind: "error", text: state.message }} /> : null}
      {state.phase === "done" ? <ImportResultView result={state.result} /> : null}
      {jobId && (state.phase === "idle" || state.phase === "queued") ? (
        <ImportJobPanel key={jobId} jobId={jobId} onFinished={() => router.refresh()} />
      ) : null}
    </div>
  );
}
