"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import type { ExportFilterOptions } from "@/lib/export/options";
import { FilterFields } from "./FilterFields";
import { emptyFilter, toFilterJson, type FilterState } from "./filter-state";
import { FormatChooser } from "./FormatChooser";
import { DIRECT_DOWNLOAD_MAX, type FormatChoice } from "./formats";
import { JobProgress } from "./JobProgress";
import { PreviewPanel, type PreviewState } from "./PreviewPanel";
import { SnapshotForm } from "./SnapshotForm";
import { buttonClass, errorMessage, panelClass, primaryClass } from "./ui";

const PREVIEW_DELAY_MS = 250;

/**
 * The export page: choose a selection and a format, see its counts, then
 * download it at once (a form post the browser saves as it streams), run it
 * as a background job (its id goes into the URL, so a reload finds it), or —
 * editors — freeze it as a dataset snapshot.
 */
export function ExportBuilder({
  options,
  formats,
  initial,
  initialFormat,
  initialJobId,
  canSnapshot,
  mode = "export",
}: {
  options: ExportFilterOptions;
  formats: FormatChoice[];
  initial: Partial<FilterState>;
  initialFormat: string;
  initialJobId: string | null;
  canSnapshot: boolean;
  mode?: "export" | "snapshot";
}) {
  const router = useRouter();
  const [state, setState] = useState<FilterState>(() => emptyFilter(initial));
  const [format, setFormat] = useState(initialFormat);
  // The preview of the request it counted; another request shows as loading until its answer.
  const [counted, setCounted] = useState<{ request: string; preview: PreviewState } | null>(null);
  const [jobId, setJobId] = useState<string | null>(initialJobId);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  // Text in the story field not added to the selection: the selection on screen is not what was meant.
  const [storyDraft, setStoryDraft] = useState("");
  const filter = useMemo(() => toFilterJson(state), [state]);
  const filterJson = JSON.stringify(filter);
  const request = JSON.stringify({ format, filter });
  const preview: PreviewState = counted?.request === request ? counted.preview : { kind: "loading" };
  const choice = formats.find((f) => f.id === format) ?? formats[0]!;

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const done = (preview: PreviewState) => setCounted({ request, preview });
      try {
        const res = await fetch("/api/export/preview", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: request,
          signal: controller.signal,
        });
        if (!res.ok) done({ kind: "error", message: await errorMessage(res) });
        else done({ kind: "ready", counts: (await res.json()).counts });
      } catch (error) {
        if (!controller.signal.aborted) done({ kind: "error", message: `Could not count: ${String(error)}` });
      }
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [request]);

  const showJob = (id: string) => {
    setJobId(id);
    // In the URL without a server round trip: a reload or a shared link shows this job.
    const url = new URL(window.location.href);
    url.searchParams.set("job", id);
    window.history.replaceState(null, "", url);
  };

  const startJob = async (path: string, body: Record<string, unknown>): Promise<boolean> => {
    setStarting(true);
    setProblem(null);
    try {
      const res = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ format, filter, ...body }),
      });
      if (!res.ok) {
        setProblem(await errorMessage(res));
        return false;
      }
      showJob(((await res.json()) as { job: { id: string } }).job.id);
      router.refresh();
      return true;
    } catch (error) {
      setProblem(`Could not start the export: ${String(error)}`);
      return false;
    } finally {
      setStarting(false);
    }
  };

  const unfinished = storyDraft.trim() !== "";
  const ready = preview.kind === "ready" && !unfinished;
  const size = ready ? (choice.unit === "claims" ? preview.counts.claimReviews : preview.counts.spans.total) : 0;
  const direct = ready && size <= DIRECT_DOWNLOAD_MAX;

  return (
    // Explicit minmax(0, …) columns and min-w-0: a grid's automatic column is as wide as its widest
    // unbreakable content, which on a phone is wider than the screen.
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form
        aria-label={mode === "snapshot" ? "Snapshot selection" : "Export selection"}
        className={`${panelClass} grid min-w-0 grid-cols-1 gap-6`}
        onSubmit={(e) => e.preventDefault()}
      >
        <FilterFields options={options} state={state} onChange={setState} onStoryDraftChange={setStoryDraft} />
        <FormatChooser formats={formats} value={format} onChange={setFormat} />
      </form>
      <div className="grid min-w-0 grid-cols-1 content-start gap-4 lg:sticky lg:top-4 lg:self-start">
        <PreviewPanel preview={preview} unit={choice.unit} />
        {unfinished ? (
          <p
            role="status"
            data-testid="filter-unfinished"
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            The story field holds “{storyDraft.trim()}”, not added to the selection: add it or clear the field before
            exporting or freezing a snapshot.
          </p>
        ) : null}
        {problem ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {problem}
          </p>
        ) : null}
        {mode === "export" ? (
          <section className={panelClass} aria-labelledby="export-actions">
            <h2 id="export-actions" className="font-medium">
              Export
            </h2>
            {/* A plain form post: the browser streams the file to disk (no copy in memory). */}
            <form method="post" action="/api/export" className="mt-3">
              <input type="hidden" name="format" value={format} />
              <input type="hidden" name="filter" value={filterJson} />
              <button type="submit" className={primaryClass} disabled={!direct}>
                Download now
              </button>
            </form>
            <p className="mt-2 text-sm text-stone-600">
              {ready && !direct
                ? `Large selection (over ${DIRECT_DOWNLOAD_MAX.toLocaleString("en")} ${choice.unit}): run it in the background.`
                : "Small selections download at once."}
            </p>
            <button
              type="button"
              className={`${buttonClass} mt-3`}
              disabled={!ready || starting}
              onClick={() => void startJob("/api/exports", {})}
            >
              Run in the background
            </button>
          </section>
        ) : null}
        {canSnapshot && (mode === "snapshot" || mode === "export") ? (
          <SnapshotForm
            disabled={!ready || starting}
            open={mode === "snapshot"}
            onCreate={(name, description, agreement) =>
              startJob("/api/datasets", { name, description, ...(agreement && { agreement }) })
            }
          />
        ) : null}
        {jobId ? <JobProgress key={jobId} jobId={jobId} onFinished={() => router.refresh()} /> : null}
      </div>
    </div>
  );
}
