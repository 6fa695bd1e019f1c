/**
 * Agreement on what matched spans link to (the canonical entity; a claim's
 * verdict on its ordinal scale), and the cross-language table: for each
 * entity and claim, in which language versions each annotator linked it.
 */
import { codingAlpha } from "./coding-alpha";
import { ratio, type Coefficient } from "./coefficient";

export interface LinkFigures {
  /** Matched pairs where both spans are linked. */
  linked: number;
  /** …and link the same entity (or claims with the same verdict). */
  same: number;
  agreement: Coefficient;
  alpha: Coefficient;
}

export interface CrossLanguageRow {
  kind: "entity" | "claim";
  id: string;
  name: string;
  /** Languages in which each annotator linked it, by annotator id. */
  languages: Record<string, string[]>;
}

type Value = string | number | null;

/** The links of matched pairs of spans, one row of two values per pair. */
export interface LinkTally {
  units: Value[][];
  linked: number;
  same: number;
}

export const newTally = (): LinkTally => ({ units: [], linked: 0, same: 0 });

export function tallyLink(t: LinkTally, x: Value, y: Value) {
  t.units.push([x, y]);
  if (x !== null && y !== null) {
    t.linked++;
    if (x === y) t.same++;
  }
}

export function mergeTally(into: LinkTally, from: LinkTally) {
  for (const unit of from.units) into.units.push(unit);
  into.linked += from.linked;
  into.same += from.same;
}

export function linkFigures(t: LinkTally, metric: "nominal" | "ordinal"): LinkFigures {
  return {
    linked: t.linked,
    same: t.same,
    agreement: ratio(t.same, t.linked, "no matched pair of spans where both are linked"),
    alpha: codingAlpha(t.units, metric).alpha,
  };
}

interface LinkedSpan {
  articleId: string;
  annotatorId: string;
  entityId: string | null;
  claimId: string | null;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function crossLanguage(
  spans: readonly LinkedSpan[],
  articles: readonly { id: string; language: string }[],
  names?: ReadonlyMap<string, string>,
): CrossLanguageRow[] {
  const language = new Map(articles.map((a) => [a.id, a.language]));
  // Entities and claims apart (their ids could coincide), each row found by id.
  const rows = { entity: new Map<string, CrossLanguageRow>(), claim: new Map<string, CrossLanguageRow>() };
  const add = (kind: CrossLanguageRow["kind"], id: string, annotatorId: string, lang: string) => {
    let row = rows[kind].get(id);
    if (!row) rows[kind].set(id, (row = { kind, id, name: names?.get(id) ?? id, languages: {} }));
    const list = (row.languages[annotatorId] ??= []);
    if (!list.includes(lang)) list.push(lang);
  };
  for (const s of spans) {
    const lang = language.get(s.articleId);
    if (lang === undefined) continue;
    if (s.entityId) add("entity", s.entityId, s.annotatorId, lang);
    if (s.claimId) add("claim", s.claimId, s.annotatorId, lang);
  }
  const all = [...rows.entity.values(), ...rows.claim.values()];
  for (const row of all) for (const list of Object.values(row.languages)) list.sort(byString);
  return all.sort((x, y) => byString(x.kind, y.kind) || byString(x.name, y.name) || byString(x.id, y.id));
}
