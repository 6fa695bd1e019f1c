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
import type { Coefficient } from "./coefficient";
import {
  crossLanguage,
  linkFigures,
  mergeTally,
  newTally,
  tallyLink,
  type CrossLanguageRow,
  type LinkFigures,
  type LinkTally,
} from "./links";
import { indexSpans, matchIndexed } from "./span-match";
import { prepareStretch, stretchAlpha, type Stretch } from "./unitizing";

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

export type { CrossLanguageRow, LinkFigures };

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
  // One copy of every span in one object shape: callers' objects may come in many
  // (spread copies, ORM rows), and every loop below reads them.
  const spans: AgreementSpan[] = input.spans.map((s) => ({
    articleId: s.articleId,
    annotatorId: s.annotatorId,
    start: s.start,
    end: s.end,
    label: s.label,
    kind: s.kind,
    entityId: s.entityId,
    claimId: s.claimId,
    verdict: s.verdict,
  }));
  const spansByArticle = new Map<string, AgreementSpan[]>();
  for (const s of spans) {
    const list = spansByArticle.get(s.articleId);
    if (list) list.push(s);
    else spansByArticle.set(s.articleId, [s]);
  }
  const allIds = annotators.map((a) => a.id);
  const languages = [...new Set(articles.map((a) => a.language))].sort(byString);

  // Each article is prepared for α_u once (annotators by their index in `annotators`);
  // every group below assembles its figures from these, and equal groups are computed once.
  const alphaU = unitizer(articles, allIds, spansByArticle);

  const group = (subset: readonly AgreementArticle[], ids: readonly string[]): GroupReport => {
    const included = subset.filter((a) => ids.every((id) => a.annotators.includes(id)));
    const result = alphaU(included, ids);
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

  // Each annotator's spans per article and label, sorted for the matcher once for every pair.
  const indexes = new Map(
    allIds.map((id) => [
      id,
      indexSpans(
        spans.filter((s) => s.annotatorId === id),
        (s) => s.articleId,
      ),
    ]),
  );
  const pairs: PairReport[] = [];
  const pooledEntity: LinkTally = newTally();
  const pooledVerdict: LinkTally = newTally();
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      const a = annotators[i]!.id;
      const b = annotators[j]!.id;
      const shared = articles.filter((x) => x.annotators.includes(a) && x.annotators.includes(b));
      const unitized = alphaU(shared, [a, b]);
      const ids = shared.map((x) => x.id);
      const exact = matchIndexed(indexes.get(a)!, indexes.get(b)!, ids, "exact");
      const overlap = matchIndexed(indexes.get(a)!, indexes.get(b)!, ids, "overlap");
      const entity = newTally();
      const verdict = newTally();
      for (const [x, y] of overlap.pairs) {
        if (x.kind === "ENTITY") tallyLink(entity, x.entityId, y.entityId);
        else tallyLink(verdict, x.verdict, y.verdict);
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
    crossLanguage: crossLanguage(spans, articles, input.names),
  };
}

/**
 * α_u over articles laid end to end, for a group of annotators: each article
 * prepared once, each distinct (articles, annotators) group computed once.
 */
function unitizer(
  articles: readonly AgreementArticle[],
  ids: readonly string[],
  spansByArticle: ReadonlyMap<string, AgreementSpan[]>,
) {
  const rater = new Map(ids.map((id, i) => [id, i]));
  const stretches = new Map<string, Stretch>();
  for (const article of articles) {
    // Clipped to the article, so no span leaks into the next one on the continuum.
    const { stretch } = prepareStretch(
      spansByArticle.get(article.id) ?? [],
      (s) => rater.get(s.annotatorId),
      0,
      article.length,
      ids.length,
    );
    stretches.set(article.id, stretch);
  }
  const memo = new Map<string, ReturnType<typeof stretchAlpha>>();
  return (included: readonly AgreementArticle[], groupIds: readonly string[]) => {
    const key = `${included.map((a) => a.id).join(",")}|${groupIds.join(",")}`;
    let result = memo.get(key);
    if (!result) {
      result = stretchAlpha(
        included.map((a) => stretches.get(a.id)!),
        groupIds.map((id) => rater.get(id)!),
      );
      memo.set(key, result);
    }
    return result;
  };
}

function figures(m: ReturnType<typeof matchIndexed>): MatchFigures {
  return { a: m.a, b: m.b, matched: m.pairs.length, precision: m.precision, recall: m.recall, f1: m.f1 };
}
