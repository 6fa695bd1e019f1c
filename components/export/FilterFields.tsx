"use client";

import type { ExportFilterOptions } from "@/lib/export/options";
import { CheckboxGroup } from "./CheckboxGroup";
import { DateRange } from "./DateRange";
import type { FilterState, ListKey, RangeKey } from "./filter-state";
import { StoryPicker } from "./StoryPicker";

const REVIEW = [
  { value: "PENDING", label: "Pending" },
  { value: "APPROVED", label: "Approved" },
  { value: "REJECTED", label: "Rejected" },
];
const KINDS = [
  { value: "entity", label: "Entities" },
  { value: "claim", label: "Claims" },
];

/** Every criterion of an export filter; nothing chosen in a group means no restriction. */
export function FilterFields({
  options,
  state,
  onChange,
  onStoryDraftChange,
}: {
  options: ExportFilterOptions;
  state: FilterState;
  onChange: (state: FilterState) => void;
  /** The story field's text typed but not added (see StoryPicker). */
  onStoryDraftChange?: (draft: string) => void;
}) {
  const setList = (key: ListKey) => (values: string[]) => onChange({ ...state, [key]: values });
  const setRange = (key: RangeKey) => (value: FilterState[RangeKey]) => onChange({ ...state, [key]: value });
  return (
    <div className="grid grid-cols-1 gap-5">
      <StoryPicker
        stories={options.stories}
        chosen={state.stories}
        onChange={setList("stories")}
        onDraftChange={onStoryDraftChange}
      />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-3">
        <CheckboxGroup
          legend="Languages"
          options={options.languages.map((l) => ({ value: l, label: l }))}
          chosen={state.languages}
          onChange={setList("languages")}
          langOf={(v) => v}
        />
        <CheckboxGroup
          legend="Outlets"
          options={options.outlets.map((o) => ({ value: o, label: o }))}
          chosen={state.outlets}
          onChange={setList("outlets")}
        />
        <CheckboxGroup
          legend="Labels"
          options={options.labels.map((l) => ({
            value: l.key,
            label: `${l.name} (${l.key})${l.archived ? ", archived" : ""}`,
          }))}
          chosen={state.labels}
          onChange={setList("labels")}
        />
        <CheckboxGroup legend="Kinds" options={KINDS} chosen={state.kinds} onChange={setList("kinds")} />
        <CheckboxGroup
          legend="Annotators"
          hint="Who created the span"
          options={options.annotators.map((a) => ({ value: a.id, label: a.name }))}
          chosen={state.annotators}
          onChange={setList("annotators")}
        />
        <CheckboxGroup
          legend="Review status"
          options={REVIEW}
          chosen={state.reviewStatuses}
          onChange={setList("reviewStatuses")}
        />
      </div>
      <div className="grid gap-1 text-sm">
        <label htmlFor="export-layer" className="font-medium">
          Annotation layer
        </label>
        <select
          id="export-layer"
          value={state.layer}
          onChange={(e) => onChange({ ...state, layer: e.target.value })}
          className="w-full max-w-md min-w-0 rounded-md border border-stone-300 bg-white px-2 py-1"
        >
          <option value="">Curated where a version has one, else shared</option>
          <option value="curated">Curated</option>
          <option value="shared">Shared (collaborative)</option>
          {options.layerOwners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}’s own layer
            </option>
          ))}
          <option value="all">Every layer, with provenance (Parallax JSONL)</option>
        </select>
      </div>
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
        <DateRange legend="Span created" value={state.created} onChange={setRange("created")} />
        <DateRange legend="Span last changed" value={state.updated} onChange={setRange("updated")} />
        <DateRange legend="Article published" value={state.published} onChange={setRange("published")} />
      </div>
    </div>
  );
}
