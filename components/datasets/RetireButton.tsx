"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { retireSnapshotAction } from "@/app/(app)/datasets/[id]/actions";
import { buttonClass } from "@/components/export/ui";
import { ConfirmGroup } from "@/components/ui/ConfirmGroup";

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
    <ConfirmGroup
      label="Retire the snapshot"
      className="text-sm"
      error={error}
      busy={busy}
      confirm="Retire"
      confirming="Retiring…"
      onConfirm={() => void retire()}
      onCancel={() => setConfirming(false)}
    >
      <p>
        Retire “<bdi>{name}</bdi>”? It leaves the dataset lists; the file and this page stay, so links and citations
        still work. The audit log records it.
      </p>
    </ConfirmGroup>
  );
}
