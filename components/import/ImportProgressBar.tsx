import { plural } from "./format";
import type { ImportState } from "./types";

/** The progress of a running import: a bar over the bytes read, and the counts so far. */
export function ImportProgressBar({
  state,
  label: given,
}: {
  state: Extract<ImportState, { phase: "uploading" | "importing" }>;
  /** Instead of "Importing… N%". */
  label?: string;
}) {
  const progress = state.phase === "importing" ? state.progress : null;
  const fraction = progress?.totalBytes ? Math.min(1, progress.bytes / progress.totalBytes) : null;
  const percent = fraction === null ? null : Math.round(fraction * 100);
  const label =
    given ?? (state.phase === "uploading" ? "Uploading…" : percent === null ? "Importing…" : `Importing… ${percent}%`);
  return (
    <section aria-label="Import progress" className="rounded-lg border border-stone-200 bg-white p-4">
      <p className="text-sm font-medium" aria-live="polite">
        {label}
      </p>
      <div
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? label : `${percent}%`}
        data-testid="import-progress"
        className="mt-2 h-2.5 overflow-hidden rounded-full bg-stone-200"
      >
        <div
          className={`h-full rounded-full bg-blue-600 transition-[width] ${percent === null ? "w-1/3 animate-pulse" : ""}`}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      {progress ? (
        <p className="mt-2 text-sm text-stone-600">
          {plural(progress.lines, "line")} read · {progress.imported} imported · {progress.updated} updated ·{" "}
          {progress.skipped} unchanged · {progress.rejected} rejected
        </p>
      ) : null}
    </section>
  );
}
