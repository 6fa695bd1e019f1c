/**
 * Everything the side-by-side reader shows for one story, read on the
 * server: the story and all its versions (for the picker), the chosen
 * versions with their text, paragraphs and spans, the paragraph alignment
 * of every pair of open panes (with editors' corrections), and the taxonomy.
 */
import type { Db } from "../db";
import { alignArticles } from "../alignment/store";
import { splitParagraphs, type Paragraph } from "../alignment/paragraphs";
import { getTaxonomy, type Taxonomy } from "../taxonomy/taxonomy";
import { resolveLayout } from "./layout";
import { isCjk, scriptOf, textDirection } from "./script";
import { encodeSpans } from "./span-pack";
import { readerSpans } from "./spans";
import type { Viewer } from "../authz/layers";

export interface VersionSummary {
  id: string;
  language: string;
  title: string | null;
  outlet: string | null;
  length: number;
}

export interface PaneArticle extends VersionSummary {
  author: string | null;
  url: string | null;
  publishedAt: string | null;
  revision: number;
  text: string;
  /** ISO 15924 script (likely subtag), e.g. "Latn", "Arab", "Hans". */
  script: string | null;
  dir: "rtl" | "ltr";
  cjk: boolean;
  paragraphs: Paragraph[];
  /** The article's SpanDTOs, packed as JSON for the page (decodeSpans). */
  spans: string;
}

/** The alignment of panes `left` and `right` (indices into `panes`): beads of paragraph indices. */
export interface PaneAlignment {
  left: number;
  right: number;
  beads: { a: number[]; b: number[]; source: "auto" | "editor" }[];
  corrected: boolean;
}

export interface StoryView {
  story: { id: string; key: string; title: string };
  versions: VersionSummary[];
  panes: PaneArticle[];
  /** Versions the URL named that did not fit beside the others (ids), so the reader can say so. */
  overflow: string[];
  alignments: PaneAlignment[];
  taxonomy: Taxonomy;
}

/** The story `key` with the versions named by `layout` (the `?a=` parameter), or null if there is no such story. */
export async function loadStoryView(
  db: Db,
  key: string,
  layout?: string | string[] | null,
  viewer: Viewer | null = null,
): Promise<StoryView | null> {
  const story = await db.story.findUnique({
    where: { key },
    select: {
      id: true,
      key: true,
      title: true,
      articles: {
        select: { id: true, language: true, title: true, outlet: true, length: true },
        orderBy: [{ language: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!story) return null;
  const { articles, ...meta } = story;
  const { open: chosen, overflow } = resolveLayout(layout, articles);
  const [rows, spans, taxonomy, alignments] = await Promise.all([
    db.article.findMany({
      where: { id: { in: chosen } },
      select: {
        id: true,
        language: true,
        title: true,
        outlet: true,
        author: true,
        url: true,
        publishedAt: true,
        length: true,
        revision: true,
        text: true,
      },
    }),
    Promise.all(chosen.map((id) => readerSpans(db, id, viewer))),
    getTaxonomy(db),
    paneAlignments(db, chosen),
  ]);
  const panes = chosen.map((id, k): PaneArticle => {
    const row = rows.find((r) => r.id === id)!;
    return {
      ...row,
      publishedAt: row.publishedAt ? row.publishedAt.toISOString().slice(0, 10) : null,
      script: scriptOf(row.language) ?? null,
      dir: textDirection(row.language),
      cjk: isCjk(row.language),
      paragraphs: splitParagraphs(row.text),
      spans: encodeSpans(spans[k]!, row.text),
    };
  });
  return { story: meta, versions: articles, panes, overflow, alignments, taxonomy };
}

/** Alignments of every pair of panes, so any pane can lead the scroll. */
async function paneAlignments(db: Db, ids: readonly string[]): Promise<PaneAlignment[]> {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.push([i, j]);
  return Promise.all(
    pairs.map(async ([left, right]) => {
      const alignment = await alignArticles(db, ids[left]!, ids[right]!);
      return {
        left,
        right,
        beads: alignment.beads.map(({ a, b, source }) => ({ a, b, source })),
        corrected: alignment.correction !== null,
      };
    }),
  );
}
