"use client";

import { useState } from "react";
import { buttonClass, errorMessage } from "@/components/export/ui";

type Check = { ok: boolean; expected: string; actual: string | null };
type Result = Check & { file: Check; agreement: Check | null };

function describe(result: Result): string {
  const said = (what: string, check: Check) =>
    check.ok
      ? `The stored ${what} matches its SHA-256.`
      : `The stored ${what} does not match: it hashes to ${check.actual ?? "nothing (missing)"}.`;
  const agreement = result.agreement ? ` ${said("agreement report", result.agreement)}` : "";
  return said("file", result.file) + agreement;
}

/** Asks the server to re-hash the stored file and shows whether it still matches. */
export function VerifyButton({ datasetId }: { datasetId: string }) {
  const [state, setState] = useState<
    { kind: "idle" } | { kind: "checking" } | { kind: "done"; result: Result } | { kind: "error"; message: string }
  >({ kind: "idle" });
  const check = async () => {
    setState({ kind: "checking" });
    try {
      const res = await fetch(`/api/datasets/${datasetId}/verification`, { cache: "no-store" });
      if (!res.ok) setState({ kind: "error", message: await errorMessage(res) });
      else setState({ kind: "done", result: ((await res.json()) as { verification: Result }).verification });
    } catch (error) {
      setState({ kind: "error", message: String(error) });
    }
  };
  return (
    <div className="text-sm">
      <button type="button" className={buttonClass} onClick={check} disabled={state.kind === "checking"}>
        {state.kind === "checking" ? "Checking…" : "Check the stored file"}
      </button>
      <p role="status" className="mt-2" data-testid="verification">
        {state.kind === "done" ? describe(state.result) : state.kind === "error" ? state.message : ""}
      </p>
    </div>
  );
}
