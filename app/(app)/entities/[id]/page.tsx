import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/policy";
import { claimPath } from "@/lib/annotation/claim-page";
import { searchEntities } from "@/lib/annotation/entities";
import { loadEntityPage } from "@/lib/annotation/entity-page";
import { requirePage } from "@/lib/http/page";
import { storyHref } from "@/lib/reader/href";
import { RenameForm } from "@/components/ui/RenameForm";
import { MergeButton } from "@/components/entities/MergeButton";
import { inputClass, buttonClass } from "@/components/export/ui";
import { renameEntityAction } from "./actions";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ merge?: string | string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePage({ permission: "story.read" });
  const page = await loadEntityPage(db, (await params).id);
  return { title: page ? `Entity: ${page.entity.name}` : "Entity" };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default async function EntityPage({ params, searchParams }: Props) {
  const user = await requirePage({ permission: "story.read" });
  const [{ id }, { merge }] = await Promise.all([params, searchParams]);
  const page = await loadEntityPage(db, id);
  if (!page) notFound();
  const { entity } = page;
  const canEdit = can(user, "annotation.write");
  const q = (Array.isArray(merge) ? merge[0] : merge)?.trim() ?? "";
  const candidates = canEdit && q ? (await searchEntities(db, { q, limit: 10 })).filter((e) => e.id !== entity.id) : [];
  const candidatePages = await Promise.all(candidates.map((c) => loadEntityPage(db, c.id)));
  const heading = (
    <h1 className="truncate text-2xl font-semibold tracking-tight" dir="auto" data-testid="entity-name">
      {entity.name}
    </h1>
  );
  return (
    <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <p className="text-sm text-stone-600">
        Entity · {page.labelName}
        {entity.key ? ` · ${entity.key}` : ""}
      </p>
      <div className="mt-1">
        {canEdit ? (
          <RenameForm id={entity.id} name={entity.name} what="entity" rename={renameEntityAction}>
            {heading}
          </RenameForm>
        ) : (
          heading
        )}
      </div>
      <dl className="mt-6 grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-stone-600">Wikidata</dt>
        <dd data-testid="entity-qid">
          {entity.wikidataQid ? (
            <a className="underline" href={`https://www.wikidata.org/wiki/${encodeURIComponent(entity.wikidataQid)}`}>
              {entity.wikidataQid}
            </a>
          ) : (
            <span className="text-stone-500">none</span>
          )}
        </dd>
        {entity.description ? (
          <>
            <dt className="text-stone-600">Description</dt>
            <dd dir="auto">{entity.description}</dd>
          </>
        ) : null}
        <dt className="text-stone-600">Aliases</dt>
        <dd>
          {entity.aliases.length ? (
            <ul className="flex flex-wrap gap-1.5" data-testid="entity-aliases">
              {entity.aliases.map((a) => (
                <li key={`${a.language}:${a.alias}`} className="rounded bg-stone-100 px-1.5 py-0.5">
                  <bdi lang={a.language === "und" ? undefined : a.language}>{a.alias}</bdi>
                  <span className="ml-1 text-xs text-stone-500">{a.language}</span>
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-stone-500">none</span>
          )}
        </dd>
      </dl>

      <h2 className="mt-8 text-lg font-semibold">Mentions</h2>
      {page.stories.length ? (
        <ul className="mt-2 space-y-1 text-sm" data-testid="entity-stories">
          {page.stories.map((s) => (
            <li key={s.key}>
              <Link href={storyHref(s.key)} className="underline">
                <bdi>{s.title}</bdi>
              </Link>{" "}
              <span className="text-stone-600">
                · {plural(s.mentions, "mention", "mentions")} · {s.languages.join(", ")}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-stone-500">Not mentioned in any story.</p>
      )}
      {page.claims.length ? (
        <>
          <h2 className="mt-8 text-lg font-semibold">Claims made</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {page.claims.map((c) => (
              <li key={c.id}>
                <Link href={claimPath(c)} className="underline" dir="auto">
                  {c.statement}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {canEdit ? (
        <section className="mt-10 rounded-lg border border-stone-200 p-4" aria-labelledby="merge-heading">
          <h2 id="merge-heading" className="text-lg font-semibold">
            Merge a duplicate into this entity
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            Find the other entry for the same {page.labelName.toLowerCase()}: its mentions, claims and aliases move
            here, and it is deleted.
          </p>
          <form className="mt-3 flex flex-wrap items-end gap-2" action={`/entities/${entity.id}`}>
            <label className="min-w-0 flex-1 text-sm">
              <span className="text-stone-600">Name, alias or Wikidata ID</span>
              <input className={inputClass} name="merge" defaultValue={q} type="search" />
            </label>
            <button type="submit" className={buttonClass}>
              Find
            </button>
          </form>
          {q ? (
            <ul className="mt-3 space-y-2 text-sm" data-testid="merge-candidates">
              {candidates.map((c, i) => {
                const mentions = candidatePages[i]?.stories.reduce((n, s) => n + s.mentions, 0) ?? 0;
                return (
                  <li key={c.id} className="rounded-md border border-stone-200 p-2" data-entity-id={c.id}>
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/entities/${c.id}`} className="font-medium underline">
                        <bdi>{c.name}</bdi>
                      </Link>
                      <span className="text-xs text-stone-500">
                        {c.labelKey}
                        {c.wikidataQid ? ` · ${c.wikidataQid}` : ""} · {plural(mentions, "mention", "mentions")}
                      </span>
                      <span className="ml-auto">
                        <MergeButton
                          keep={{ id: entity.id, name: entity.name }}
                          absorb={{ id: c.id, name: c.name, mentions: plural(mentions, "mention", "mentions") }}
                        />
                      </span>
                    </div>
                  </li>
                );
              })}
              {candidates.length === 0 ? <li className="text-stone-500">No other entity matches.</li> : null}
            </ul>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}
