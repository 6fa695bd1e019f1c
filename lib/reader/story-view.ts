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
import { encodeRows } from "./span-pack";
import { readerPackRows } from "./spans";
import type { Viewer } from "../authz/layers";
import { AppError, notFound } from "../errors";

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
  /** The article's SpanDTOs starting before `headEnd`, packed as JSON for the page (decodeSpans). */
  spans: string;
  /**
   * Where the spans sent with the page end (code points; null: they are all
   * of them). The reader fetches the others (`loadLaterSpans`) while its
   * first screen is shown.
   */
  headEnd: number | null;
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

/**
 * Code points at the top of a long text whose spans come with the page (to
 * the end of the paragraph holding this offset): several screens, so the
 * first screen and the next are complete. A long article's other spans
 * (50,000 spans are 2.3 MB packed, twice the text) are fetched by the reader
 * once it is up, and it is usable meanwhile.
 */
export const HEAD_CODE_POINTS = 20_000;

function headEnd(paragraphs: readonly Paragraph[]): number | null {
  const last = paragraphs.at(-1);
  if (!last || last.end <= HEAD_CODE_POINTS) return null;
  return paragraphs.find((p) => p.end >= HEAD_CODE_POINTS)!.end;
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
  const [rows, taxonomy, alignments] = await Promise.all([
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
    getTaxonomy(db),
    paneAlignments(db, chosen),
  ]);
  const texts = chosen.map((id) => {
    const row = rows.find((r) => r.id === id)!;
    const paragraphs = splitParagraphs(row.text);
    return { row, paragraphs, headEnd: headEnd(paragraphs) };
  });
  const spans = await Promise.all(
    texts.map(({ row, headEnd }) => readerPackRows(db, row.id, viewer, headEnd === null ? {} : { before: headEnd })),
  );
  const panes = texts.map(({ row, paragraphs, headEnd }, k): PaneArticle => ({
    ...row,
    publishedAt: row.publishedAt ? row.publishedAt.toISOString().slice(0, 10) : null,
    script: scriptOf(row.language) ?? null,
    dir: textDirection(row.language),
    cjk: isCjk(row.language),
    paragraphs,
    spans: encodeRows(spans[k]!, row.text),
    headEnd,
  }));
  return { story: meta, versions: articles, panes, overflow, alignments, taxonomy };
}

/** Spans per part of `loadLaterSpans`: the browser parses, decodes and draws one part in a few short tasks. */
export const LATER_PART = 4_000;

/**
 * The spans of a long article after its head (`PaneArticle.headEnd`: those
 * starting at `from` or later), packed like `PaneArticle.spans` in parts of
 * LATER_PART. The reader asks for them as it comes up: passed to the page
 * as a pending promise, they held its whole body back until they were read
 * (Next.js sends no part of a page without a Suspense boundary early), 0.7 s
 * of a 1,000,000-character article's open. `revision` is the text the reader
 * holds; spans of a newer one would not fit it.
 */
export async function loadLaterSpans(
  db: Db,
  articleId: string,
  { from, revision }: { from: number; revision: number },
  viewer: Viewer | null = null,
): Promise<string[]> {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { text: true, revision: true } });
  if (!article) throw notFound("The article");
  if (article.revision !== revision) {
    throw new AppError(
      "REVISION_CHANGED",
      `The article's text changed (revision ${revision} is now ${article.revision}); reload it.`,
      409,
    );
  }
  const rows = await readerPackRows(db, articleId, viewer, { from });
  const parts: string[] = [];
  for (let at = 0; at < rows.length; at += LATER_PART) {
    parts.push(encodeRows(rows.slice(at, at + LATER_PART), article.text));
  }
  return parts;
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
