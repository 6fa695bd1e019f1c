/**
 * Other mentions of an entity in the versions of a story: the suggestions an
 * editor accepts or rejects with one key after linking a span. Plain text in,
 * code-point ranges out; lib/annotation/suggestions.ts feeds it from the
 * database. The rules are in exact.ts (names and aliases) and cognates.ts
 * (cross-language forms); this module runs them over every article, drops what
 * a span of the entity already covers, resolves overlaps (longest first; a
 * name beats an alias beats a cognate) and snaps ranges to grapheme clusters.
 */
import { OffsetIndex } from "../text/code-points";
import { graphemeSegmenter } from "../text/graphemes";
import { cognateMatches, type CognateText } from "./cognates";
import { exactMatches, foldForMatch, type ArticleForMatch } from "./exact";
import { lowerSameLength } from "./words";

export type MentionReason = "name" | "alias" | "cognate";

export interface MentionArticle {
  id: string;
  language: string;
  text: string;
}

export interface EntityNames {
  name: string;
  /** Aliases in any language; each is looked for in every article. */
  aliases: readonly string[];
}

export interface CodePointRange {
  articleId: string;
  start: number;
  end: number;
}

export interface Mention {
  articleId: string;
  language: string;
  /** Code points, end excluded, on grapheme boundaries. */
  start: number;
  end: number;
  quote: string;
  reason: MentionReason;
}

const PRIORITY: Record<MentionReason, number> = { name: 0, alias: 1, cognate: 2 };

/**
 * One article ready for matching: folded once, then any number of entities
 * are matched against it (lib/annotation/suggestions.ts caches these by
 * article revision).
 */
export class PreparedArticle {
  readonly match: ArticleForMatch;
  readonly cognate: CognateText;
  readonly index: OffsetIndex;

  constructor(readonly article: MentionArticle) {
    this.match = { text: foldForMatch(article.text), language: article.language };
    this.cognate = { text: article.text, language: article.language, lower: lowerSameLength(article.text) };
    this.index = new OffsetIndex(article.text);
  }

  /** UTF-16 [start, end) widened to whole grapheme clusters, in code points. */
  snap(start: number, end: number): [number, number] {
    const text = this.article.text;
    const edge = (at: number, side: "start" | "end") => {
      // Clusters are short: a little context on each side decides the cluster around `at`.
      const from = Math.max(0, at - 64);
      let last = from;
      for (const { index, segment } of graphemeSegmenter().segment(text.slice(from, Math.min(text.length, at + 64)))) {
        const s = from + index;
        const e = s + segment.length;
        if (s === at || (s < at && e > at && side === "start")) return s;
        if (s < at && e > at) return e;
        last = e;
      }
      return Math.max(last, at);
    };
    return [this.index.toCodePoint(edge(start, "start")), this.index.toCodePoint(edge(end, "end"))];
  }
}

export function findMentions(
  articles: readonly (MentionArticle | PreparedArticle)[],
  entity: EntityNames,
  covered: readonly CodePointRange[] = [],
): Mention[] {
  const patterns = new Map<string, MentionReason>();
  const add = (text: string, reason: MentionReason) => {
    const t = text.normalize("NFC").trim();
    if (t && !patterns.has(t)) patterns.set(t, reason);
  };
  add(entity.name, "name");
  for (const alias of entity.aliases) add(alias, "alias");

  const out: Mention[] = [];
  for (const item of articles) {
    const prepared = item instanceof PreparedArticle ? item : new PreparedArticle(item);
    const { article } = prepared;
    const found: { start: number; end: number; reason: MentionReason }[] = [];
    for (const [pattern, reason] of patterns) {
      for (const m of exactMatches(prepared.match, pattern)) found.push({ ...m, reason });
      for (const m of cognateMatches(prepared.cognate, pattern)) found.push({ ...m, reason: "cognate" });
    }
    const taken = covered.filter((c) => c.articleId === article.id).map((c) => [c.start, c.end] as const);
    const ranges = found
      .map((f) => {
        const [start, end] = prepared.snap(f.start, f.end);
        return { start, end, reason: f.reason };
      })
      .sort(
        (a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.reason] - PRIORITY[b.reason] || a.start - b.start,
      );
    const kept: typeof ranges = [];
    for (const r of ranges) {
      const overlaps = ([s, e]: readonly [number, number]) => r.start < e && s < r.end;
      if (taken.some(overlaps) || kept.some((k) => overlaps([k.start, k.end]))) continue;
      kept.push(r);
    }
    kept.sort((a, b) => a.start - b.start);
    for (const r of kept) {
      out.push({
        articleId: article.id,
        language: article.language,
        start: r.start,
        end: r.end,
        quote: prepared.index.slice(r.start, r.end),
        reason: r.reason,
      });
    }
  }
  return out;
}
