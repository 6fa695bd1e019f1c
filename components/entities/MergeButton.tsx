"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { mergeEntityAction } from "@/app/(app)/entities/[id]/actions";
import { buttonClass } from "@/components/export/ui";
import { ConfirmGroup } from "@/components/ui/ConfirmGroup";

/**
 * Merges another entity into this page's one, after confirming: its
 * mentions, claims and aliases move here, and it is deleted.
 */
export function MergeButton({
  keep,
  absorb,
}: {
  keep: { id: string; name: string };
  absorb: { id: string; name: string; mentions: string };
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!confirming)
    return (
      <button
        type="button"
        className={buttonClass}
        aria-label={`Merge ${absorb.name} into ${keep.name}`}
        onClick={() => setConfirming(true)}
      >
        Merge into this entity…
      </button>
    );
  const merge = async () => {
    setBusy(true);
    setError(null);
    const result = await mergeEntityAction({ keepId: keep.id, absorbId: absorb.id });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    router.replace(`/entities/${keep.id}`);
    router.refresh();
  };
  return (
    <ConfirmGroup
      label="Merge the entities"
      className="mt-2"
      error={error}
      busy={busy}
      confirm="Merge"
      confirming="Merging…"
      onConfirm={() => void merge()}
      onCancel={() => setConfirming(false)}
    >
      <p>
        Merge “<bdi>{absorb.name}</bdi>” into “<bdi>{keep.name}</bdi>”? Its {absorb.mentions}, claims and aliases move
        here and “<bdi>{absorb.name}</bdi>” is deleted. The audit log records it.
      </p>
    </ConfirmGroup>
  );
}
