"use client";
/**
 * EntityRetype — the editor relabelled a span linked to an entity with a
 * label of another type. A span's type follows its entity's, so the change
 * cannot be saved as it is; this offers the two ways it can: change the
 * entity's type (carried to every span linked to it), or unlink this span
 * and relabel it alone.
 *
 * Props:
 * - `entityId`, `quote`: the span's entity and text.
 * - `label`: the label the editor chose.
 * - `onRetyped()`: the entity's type changed on the server (reload the spans).
 * - `onUnlink()`: relabel only this span, without its entity.
 * - `onCancel()`: Esc or Cancel.
 */
import { useEffect, useRef, useState } from "react";
import { annotationApi, conflictingEntity, errorMessage } from "@/lib/annotate-client/api";
import type { EntityDTO, LabelDTO } from "@/lib/annotate-client/types";
import { buttonClass, panelClass, primaryClass } from "./ui";
import { useRemote } from "./use-remote";
import { useSubmit } from "./use-submit";

export interface EntityRetypeProps {
  entityId: string;
  quote: string;
  label: LabelDTO;
  labels: readonly LabelDTO[];
  onRetyped: () => void;
  onUnlink: () => void;
  onCancel: () => void;
}

export function EntityRetype({ entityId, quote, label, labels, onRetyped, onUnlink, onCancel }: EntityRetypeProps) {
  const remote = useRemote((signal) => annotationApi.getEntity(entityId, signal), entityId);
  // The entity as the server last answered: after a conflict, the version someone else saved.
  const [fresh, setFresh] = useState<EntityDTO | null>(null);
  const entity = fresh?.id === entityId ? fresh : remote.data;
  const { busy, error, run } = useSubmit();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [entity]);
  const name = entity?.name ?? "its entity";
  const typeName = (e: EntityDTO | undefined) =>
    labels.find((l) => l.id === e?.labelId)?.name ?? e?.labelKey ?? "another type";
  const current = typeName(entity);

  const retype = async () => {
    if (!entity) return;
    await run(
      async () => {
        await annotationApi.updateEntity(entityId, entity.version, { labelId: label.id });
        onRetyped();
      },
      (e) => {
        const now = conflictingEntity(e);
        if (!now) return errorMessage(e);
        setFresh(now);
        return `Someone changed this entity meanwhile: it is now ${now.name} (${typeName(now)}). Nothing was overwritten; choose again.`;
      },
    );
  };

  return (
    <section
      className={panelClass}
      aria-label="Change the entity's type"
      data-testid="entity-retype"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <p>
        “{quote}” is linked to <strong>{name}</strong> ({current}). A linked span has its entity&apos;s type, so it
        becomes {label.name} only with its entity, or unlinked.
      </p>
      {error ? (
        <p
          role="alert"
          data-testid="entity-retype-error"
          className="mt-1 rounded-md bg-red-50 px-2 py-1.5 text-red-800"
        >
          {error}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          ref={first}
          type="button"
          className={primaryClass}
          disabled={busy || !entity}
          onClick={() => void retype()}
        >
          Make {name} {label.name} (all its mentions)
        </button>
        <button type="button" className={buttonClass} disabled={busy} onClick={onUnlink}>
          Unlink and relabel this span only
        </button>
        <button type="button" className={buttonClass} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
