"use client";
/**
 * EntityLinker — links an entity span to a canonical entity: search existing
 * entities by name or alias as you type, or create a new one.
 *
 * Props:
 * - `quote`: the span's text (the first search and the new entity's name and alias).
 * - `language`: the span's article language (BCP 47), for the alias and the ranking.
 * - `storyId?`: ranks the story's entities first.
 * - `labels`: all active labels (the ENTITY ones are the types offered when creating).
 * - `labelId?`: the span's current label (default type of a new entity).
 * - `onLink(entity)`: the editor chose or created an entity. The caller applies it, e.g.
 *   `store.update(spanId, { entityId: entity.id, labelId: entity.labelId })`, and may then
 *   open the SuggestionsPanel for `entity.id`.
 * - `onCancel()`: Esc or Cancel; the caller returns focus to the text.
 */
import { useId, useState } from "react";
import type { EntityDTO, LabelDTO } from "@/lib/annotate-client/types";
import { EntityCreateForm } from "./EntityCreateForm";
import { EntityTypeahead } from "./EntityTypeahead";
import { panelClass } from "./ui";
import { PanelHeader } from "./PanelHeader";

export interface EntityLinkerProps {
  quote: string;
  language: string;
  storyId?: string;
  labels: readonly LabelDTO[];
  labelId?: string | null;
  onLink: (entity: EntityDTO) => void;
  onCancel: () => void;
}

export function EntityLinker({ quote, language, storyId, labels, labelId, onLink, onCancel }: EntityLinkerProps) {
  const id = useId();
  const [creating, setCreating] = useState<string | null>(null);
  const label = labels.find((l) => l.id === labelId);
  return (
    <section className={panelClass} aria-labelledby={`${id}-title`} data-testid="entity-linker">
      <PanelHeader
        id={`${id}-title`}
        title={
          <>
            Link “<bdi>{quote}</bdi>” to an entity
          </>
        }
        onClose={onCancel}
      />
      {creating === null ? (
        <EntityTypeahead
          label="Find an entity"
          initialQuery={quote}
          storyId={storyId}
          language={language}
          autoFocus
          onChoose={onLink}
          createLabel={label ? `Create new ${label.name} entity` : "Create new entity"}
          onCreate={(name) => setCreating(name)}
          onCancel={onCancel}
        />
      ) : (
        <EntityCreateForm
          labels={labels}
          initialName={creating}
          initialLabelId={labelId}
          alias={{ language, alias: quote }}
          onCreated={onLink}
          onCancel={() => setCreating(null)}
        />
      )}
    </section>
  );
}
