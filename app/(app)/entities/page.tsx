import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { searchEntities } from "@/lib/annotation/entities";
import { requirePage } from "@/lib/http/page";
import { inputClass, buttonClass } from "@/components/export/ui";
import { listSummary } from "@/components/ui/list-summary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Entities" };

/** As many as the search returns at most. */
const LIMIT = 100;

interface Props {
  searchParams: Promise<{ q?: string | string[]; label?: string | string[] }>;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";

/**
 * The canonical entities of every story: by name or alias in any language
 * (accent- and case-insensitive), or by Wikidata id; nothing typed, the most
 * recently changed. Each leads to its page of mentions across stories.
 */
export default async function EntitiesPage({ searchParams }: Props) {
  await requirePage({ permission: "story.read" });
  const params = await searchParams;
  const q = first(params.q);
  const label = first(params.label);
  const [entities, labels] = await Promise.all([
    searchEntities(db, { q, label: label || undefined, limit: LIMIT }),
    db.label.findMany({
      where: { kind: "ENTITY", archived: false },
      orderBy: [{ order: "asc" }, { name: "asc" }],
      select: { key: true, name: true },
    }),
  ]);
  const labelName = new Map(labels.map((l) => [l.key, l.name]));
  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Entities</h1>
      <p className="mt-1 text-sm text-stone-600">
        The people, organisations and places tagged in every story, each linked across languages. Search a name or alias
        in any language, or a Wikidata id (Q458).
      </p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label="Entities">
        <label className="min-w-0 flex-1 text-sm">
          Name, alias or Wikidata id
          <input name="q" type="search" defaultValue={q} className={inputClass} dir="auto" />
        </label>
        <label className="text-sm">
          Type
          <select name="label" defaultValue={label} className={inputClass}>
            <option value="">any</option>
            {labels.map((l) => (
              <option key={l.key} value={l.key}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass}>
          Search
        </button>
      </form>
      <p role="status" className="mt-6 text-sm text-stone-600" data-testid="entity-count">
        {listSummary(entities.length, LIMIT, q !== "" || label !== "", {
          matching: "No entity matches.",
          empty: "No entities yet: they are made by tagging spans in the reader.",
        })}
      </p>
      {entities.length ? (
        <ul
          className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white"
          aria-label="Entities"
        >
          {entities.map((e) => (
            <li key={e.id} className="px-4 py-3" data-testid="entity-row">
              <div className="flex flex-wrap items-baseline gap-x-3">
                <Link href={`/entities/${e.id}`} className="font-medium hover:underline" dir="auto">
                  {e.name}
                </Link>
                <span className="text-xs text-stone-600">{labelName.get(e.labelKey) ?? e.labelKey}</span>
                {e.wikidataQid ? <span className="font-mono text-xs text-stone-500">{e.wikidataQid}</span> : null}
              </div>
              {e.aliases.length ? (
                <ul className="mt-1 flex flex-wrap gap-1.5 text-xs" aria-label={`Names of ${e.name}`}>
                  {e.aliases.map((a) => (
                    <li key={`${a.language}:${a.alias}`} className="rounded bg-stone-100 px-1.5 py-0.5">
                      <span className="text-stone-500">{a.language}</span>{" "}
                      <span lang={a.language} dir="auto">
                        {a.alias}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </main>
  );
}
