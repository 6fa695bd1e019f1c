/**
 * The agreement report over a set of articles (one article, one story in each
 * language and all together, or a selection of stories): plain data in, plain
 * data out, no database.
 *
 * - Unitizing α_u per label and overall, per article, per language and over
 *   the whole scope (articles laid end to end as one continuum). An article
 *   counts for a group of annotators only when all of them annotated it (were
 *   assigned it), so nobody is charged with gaps in a text they never had.
 * - Every pair of annotators: α_u between the two, span matching (exact and
 *   overlap: precision, recall, F1), and on overlap-matched spans agreement on
 *   the linked canonical entity (nominal α) and on claim verdicts (ordinal α
 *   over the verdict scale).
 * - Across languages: for each entity and claim, in which language versions
 *   each annotator linked it.
 */
import { codingAlpha, type CodingAlpha } from "./coding-alpha";
import { ratio, type Coefficient } from "./coefficient";
import { matchSpans, type MatchSpan } from "./span-match";
import { unitizingAlpha, type Unit, type UnitizingResult } from "./unitizing";

export interface AgreementArticle {
  id: string;
  storyKey: string;
  language: string;
  /** Text length in code points. */
  length: number;
  /** Who annotated this article (ids of `annotators`). */
  annotators: readonly string[];
}

export interface AgreementAnnotator {
  id: string;
  name: string;
}

export interface AgreementSpan {
  articleId: string;
  annotatorId: string;
  start: number;
  end: number;
  /** Label key. */
  label: string;
  kind: "ENTITY" | "CLAIM";
  entityId: string | null;
  claimId: string | null;
  /** The linked claim's verdict as its position on the scale (VerdictRating.value). */
  verdict: number | null;
}

export interface AgreementInput {
  articles: readonly AgreementArticle[];
  annotators: readonly AgreementAnnotator[];
  spans: readonly AgreementSpan[];
  /** Display names of entities and claims for the cross-language table. */
  names?: ReadonlyMap<string, string>;
}

export interface MatchFigures {
  a: number;
  b: number;
  matched: number;
  precision: Coefficient;
  recall: Coefficient;
  f1: Coefficient;
}

export interface LinkFigures {
  /** Matched pairs where both spans are linked. */
  linked: number;
  /** …and link the same entity (or claims with the same verdict). */
  same: number;
  agreement: Coefficient;
  alpha: Coefficient;
}

export interface PairReport {
  a: string;
  b: string;
  articles: number;
  alphaU: Coefficient;
  labels: { label: string; alphaU: Coefficient }[];
  exact: MatchFigures;
  overlap: MatchFigures;
  entity: LinkFigures;
  verdict: LinkFigures;
}

export interface GroupReport {
  /** Articles included (annotated by every annotator of the group). */
  articles: number;
  /** Annotators counted. */
  annotators: string[];
  alphaU: Coefficient;
  labels: { label: string; alphaU: Coefficient; units: number }[];
  /** Overlapping units of one annotator merged before computing α_u. */
  merged: number;
}

export interface ArticleReport extends GroupReport {
  articleId: string;
  storyKey: string;
  language: string;
  /** Spans per annotator id. */
  spans: Record<string, number>;
}

export interface CrossLanguageRow {
  kind: "entity" | "claim";
  id: string;
  name: string;
  /** Languages in which each annotator linked it, by annotator id. */
  languages: Record<string, string[]>;
}

export interface AgreementReport {
  annotators: AgreementAnnotator[];
  languages: string[];
  overall: GroupReport;
  perLanguage: (GroupReport & { language: string })[];
  perArticle: ArticleReport[];
  pairs: PairReport[];
  /** Pooled over every pair of annotators. */
  links: { entity: LinkFigures; verdict: LinkFigures };
  crossLanguage: CrossLanguageRow[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function agreementReport(input: AgreementInput): AgreementReport {
  const annotators = [...input.annotators];
  const articles = [...input.articles].sort(
    (x, y) => byString(x.storyKey, y.storyKey) || byString(x.language, y.language) || byString(x.id, y.id),
  );
  const spansByArticle = new Map<string, AgreementSpan[]>();
  for (const s of input.spans) {
    const list = spansByArticle.get(s.articleId);
    if (list) list.push(s);
    else spansByArticle.set(s.articleId, [s]);
  }
  const allIds = annotators.map((a) => a.id);
  const languages = [...new Set(articles.map((a) => a.language))].sort(byString);

  const group = (subset: readonly AgreementArticle[], ids: readonly string[]): GroupReport => {
    const included = subset.filter((a) => ids.every((id) => a.annotators.includes(id)));
    const result = unitizeArticles(included, ids, spansByArticle);
    return {
      articles: included.length,
      annotators: [...ids],
      alphaU: result.alpha,
      labels: result.labels.map((l) => ({ label: l.label, alphaU: l.alpha, units: l.units })),
      merged: result.merged,
    };
  };

  const perArticle: ArticleReport[] = articles.map((article) => {
    const ids = allIds.filter((id) => article.annotators.includes(id));
    const spans: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
    for (const s of spansByArticle.get(article.id) ?? []) {
      if (s.annotatorId in spans) spans[s.annotatorId] = spans[s.annotatorId]! + 1;
    }
    return {
      articleId: article.id,
      storyKey: article.storyKey,
      language: article.language,
      spans,
      ...group([article], ids),
    };
  });

  const perLanguage = languages.map((language) => {
    const subset = articles.filter((a) => a.language === language);
    const ids = allIds.filter((id) => subset.some((a) => a.annotators.includes(id)));
    return { language, ...group(subset, ids) };
  });

  // Each annotator's spans per article in the matcher's form, made once for every pair.
  const matchables = new Map<string, Map<string, Matchable[]>>();
  for (const s of input.spans) {
    let byArticle = matchables.get(s.annotatorId);
    if (!byArticle) matchables.set(s.annotatorId, (byArticle = new Map()));
    const list = byArticle.get(s.articleId);
    if (list) list.push(asMatchSpan(s));
    else byArticle.set(s.articleId, [asMatchSpan(s)]);
  }
  const pairs: PairReport[] = [];
  const pooledEntity: LinkTally = newTally();
  const pooledVerdict: LinkTally = newTally();
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      const a = annotators[i]!.id;
      const b = annotators[j]!.id;
      const shared = articles.filter((x) => x.annotators.includes(a) && x.annotators.includes(b));
      const unitized = unitizeArticles(shared, [a, b], spansByArticle);
      const spansOf = (id: string) => shared.flatMap((x) => matchables.get(id)?.get(x.id) ?? []);
      const sa = spansOf(a);
      const sb = spansOf(b);
      const exact = matchSpans(sa, sb, "exact");
      const overlap = matchSpans(sa, sb, "overlap");
      const entity = newTally();
      const verdict = newTally();
      for (const [x, y] of overlap.pairs) {
        if (x.span.kind === "ENTITY") tallyLink(entity, x.span.entityId, y.span.entityId);
        else tallyLink(verdict, x.span.verdict, y.span.verdict);
      }
      mergeTally(pooledEntity, entity);
      mergeTally(pooledVerdict, verdict);
      pairs.push({
        a,
        b,
        articles: shared.length,
        alphaU: unitized.alpha,
        labels: unitized.labels.map((l) => ({ label: l.label, alphaU: l.alpha })),
        exact: figures(exact),
        overlap: figures(overlap),
        entity: linkFigures(entity, "nominal"),
        verdict: linkFigures(verdict, "ordinal"),
      });
    }
  }

  return {
    annotators,
    languages,
    overall: group(articles, allIds),
    perLanguage,
    perArticle,
    pairs,
    links: { entity: linkFigures(pooledEntity, "nominal"), verdict: linkFigures(pooledVerdict, "ordinal") },
    crossLanguage: crossLanguage(input, articles),
  };
}

/** α_u over the given articles laid end to end, for the given annotators. */
function unitizeArticles(
  articles: readonly AgreementArticle[],
  ids: readonly string[],
  spansByArticle: ReadonlyMap<string, AgreementSpan[]>,
): UnitizingResult {
  const rater = new Map(ids.map((id, i) => [id, i]));
  const units: Unit[] = [];
  let offset = 0;
  for (const article of articles) {
    for (const s of spansByArticle.get(article.id) ?? []) {
      const r = rater.get(s.annotatorId);
      if (r === undefined) continue;
      // Clip to the article so no span leaks into the next one on the continuum.
      const start = Math.max(0, Math.min(s.start, article.length));
      const end = Math.max(start, Math.min(s.end, article.length));
      if (end > start) units.push({ rater: r, start: offset + start, end: offset + end, label: s.label });
    }
    offset += article.length;
  }
  return unitizingAlpha({ length: offset, raters: ids.length, units });
}

interface Matchable extends MatchSpan {
  span: AgreementSpan;
}

const asMatchSpan = (span: AgreementSpan): Matchable => ({
  doc: span.articleId,
  start: span.start,
  end: span.end,
  label: span.label,
  span,
});

function figures(m: ReturnType<typeof matchSpans>): MatchFigures {
  return { a: m.a, b: m.b, matched: m.pairs.length, precision: m.precision, recall: m.recall, f1: m.f1 };
}

interface LinkTally {
  units: (string | number | null)[][];
  linked: number;
  same: number;
}

const newTally = (): LinkTally => ({ units: [], linked: 0, same: 0 });

function tallyLink(t: LinkTally, x: string | number | null, y: string | number | null) {
  t.units.push([x, y]);
  if (x !== null && y !== null) {
    t.linked++;
    if (x === y) t.same++;
  }
}

function mergeTally(into: LinkTally, from: LinkTally) {
  into.units.push(...from.units);
  into.linked += from.linked;
  into.same += from.same;
}

function linkFigures(t: LinkTally, metric: "nominal" | "ordinal"): LinkFigures {
  const alpha: CodingAlpha = codingAlpha(t.units, metric);
  return {
    linked: t.linked,
    same: t.same,
    agreement: ratio(t.same, t.linked, "no matched pair of spans where both are linked"),
    alpha: alpha.alpha,
  };
}

function crossLanguage(input: AgreementInput, articles: readonly AgreementArticle[]): CrossLanguageRow[] {
  const language = new Map(articles.map((a) => [a.id, a.language]));
  const rows = new Map<string, CrossLanguageRow>();
  for (const s of input.spans) {
    const lang = language.get(s.articleId);
    if (lang === undefined) continue;
    const linked: [CrossLanguageRow["kind"], string | null][] = [
      ["entity", s.entityId],
      ["claim", s.claimId],
    ];
    for (const [kind, id] of linked) {
      if (!id) continue;
      const key = `${kind}:${id}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { kind, id, name: input.names?.get(id) ?? id, languages: {} }));
      const list = (row.languages[s.annotatorId] ??= []);
      if (!list.includes(lang)) list.push(lang);
    }
  }
  for (const row of rows.values()) for (const list of Object.values(row.languages)) list.sort(byString);
  return [...rows.values()].sort((x, y) => byString(x.kind, y.kind) || byString(x.name, y.name));
}
