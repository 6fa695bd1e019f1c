import Form from "next/form";
import Link from "next/link";
import type { StoryListParams } from "@/lib/stories/list-params";
import type { StorySearchResult } from "@/lib/stories/search";
import { AutoSubmitCheckbox } from "./AutoSubmitCheckbox";
import { ASSIGNMENT_LABELS, STATUS_LABELS } from "./status";

type Facet = { value: string; count: number };

/** Values with counts; a chosen value the current results no longer contain stays listed (with 0) so it can be unticked. */
function withChosen(facet: Facet[], chosen: string[]): Facet[] {
  return [...facet, ...chosen.filter((c) => !facet.some((f) => f.value === c)).map((value) => ({ value, count: 0 }))];
}

function FacetGroup({
  legend,
  name,
  values,
  chosen,
  labelOf = (v) => v,
  langOf,
}: {
  legend: string;
  name: string;
  values: Facet[];
  chosen: string[];
  labelOf?: (value: string) => string;
  langOf?: (value: string) => string | undefined;
}) {
  return (
    <fieldset className="mt-5">
      <legend className="text-sm font-medium">{legend}</legend>
      {values.length === 0 ? (
        <p className="mt-1 text-sm text-stone-500">None</p>
      ) : (
        <ul className="mt-1 max-h-64 space-y-1 overflow-y-auto text-sm">
          {withChosen(values, chosen).map((f) => (
            <li key={f.value}>
              <label className="flex items-center gap-2">
                <AutoSubmitCheckbox name={name} value={f.value} defaultChecked={chosen.includes(f.value)} />
                <span lang={langOf?.(f.value)} dir="auto">
                  {labelOf(f.value)}
                </span>
                <span className="ml-auto text-stone-500">
                  {f.count}
                  <span className="sr-only"> {f.count === 1 ? "story" : "stories"}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/**
 * Search and filters as one GET form: the URL is the state (shareable, the
 * back button works), and it works without JavaScript.
 */
export function StoryFilters({ params, facets }: { params: StoryListParams; facets: StorySearchResult["facets"] }) {
  return (
    <Form action="/" role="search" aria-label="Search stories" className="text-sm">
      <label htmlFor="story-q" className="font-medium">
        Search
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id="story-q"
          name="q"
          type="search"
          defaultValue={params.q}
          placeholder="Words in any language"
          aria-describedby="story-q-hint"
          className="block w-full min-w-0 rounded-md border border-stone-300 bg-white px-3 py-2"
        />
        <button type="submit" className="rounded-md bg-stone-900 px-3 py-2 font-medium text-white">
          Search
        </button>
      </div>
      <p id="story-q-hint" className="mt-1 text-xs text-stone-500">
        Titles and texts of every language version.
      </p>
      {params.pageSize !== 20 ? <input type="hidden" name="pageSize" value={params.pageSize} /> : null}
      <FacetGroup
        legend="Language"
        name="language"
        values={facets.languages}
        chosen={params.languages}
        langOf={(v) => v}
      />
      <FacetGroup legend="Outlet" name="outlet" values={facets.outlets} chosen={params.outlets} />
      <FacetGroup
        legend="Annotation status"
        name="status"
        values={facets.status}
        chosen={params.status}
        labelOf={(v) => STATUS_LABELS[v as keyof typeof STATUS_LABELS] ?? v}
      />
      <FacetGroup
        legend="Assignment"
        name="assignment"
        values={facets.assignment}
        chosen={params.assignment}
        labelOf={(v) => ASSIGNMENT_LABELS[v as keyof typeof ASSIGNMENT_LABELS] ?? v}
      />
      <FacetGroup
        legend="Assignee"
        name="assignee"
        values={[{ value: "me", count: facets.assignedToMe }]}
        chosen={params.mine ? ["me"] : []}
        labelOf={() => "Assigned to me"}
      />
      <div className="mt-5 flex items-center gap-3">
        <button type="submit" className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-50">
          Apply filters
        </button>
        <Link href="/" className="text-stone-600 underline hover:text-stone-950">
          Clear all
        </Link>
      </div>
    </Form>
  );
}
