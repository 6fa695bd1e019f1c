"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { retireSnapshotAction } from "@/app/(app)/datasets/[id]/actions";
import { buttonClass } from "@/components/export/ui";

/**
 * An administrator retires a snapshot, after confirming: it leaves the
 * dataset lists; its file and this page stay, so citations still resolve.
 */
export function RetireButton({ datasetId, name }: { datasetId: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retire = async () => {
    setBusy(true);
    setError(null);
    const result = await retireSnapshotAction({ id: datasetId });
    setBusy(false);
    if (!result.ok) setError(result.error.message);
    else {
      setConfirming(false);
      router.refresh();
    }
  };
  if (!confirming)
    return (
      <button type="button" className={buttonClass} onClick={() => setConfirming(true)}>
        Retire this snapshot…
      </button>
    );
  return (
    <div
      role="group"
      aria-label="Retire the snapshot"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
    >
      <p>
        Retire “<bdi>{name}</bdi>”? It leaves the dataset lists; the file and this page stay, so links and citations
        still work. The audit log records it.
      </p>
      {error ? (
        <p role="alert" className="mt-1 text-red-800">
          {error}
        </p>
      ) : null}
      <div className="mt-2 flex gap-2">
        <button type="button" className={buttonClass} disabled={busy} onClick={() => void retire()}>
          {busy ? "Retiring…" : "Retire"}
        </button>
        <button type="button" className={buttonClass} onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
