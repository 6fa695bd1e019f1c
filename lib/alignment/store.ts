/**
 * Paragraph alignment of two versions of a story, as the side-by-side reader
 * shows it: the automatic alignment with an editor's stored correction
 * (ParagraphAlignment.pairs) laid over it. A correction is stored once per
 * pair of articles, in a canonical order (smaller id first), whichever pane
 * each article is in.
 */
import { z } from "zod";
import type { Db, Prisma } from "../db";
import { AppError } from "../errors";
import { alignParagraphs, unusableCorrections, type AlignmentPair, type Bead } from "./align";
import { cachedAlignment, forgetAlignment } from "./cache";
import { splitParagraphs, type Paragraph } from "./paragraphs";

export class AlignmentError extends AppError {
  constructor(code: "NOT_FOUND" | "INVALID_INPUT", message: string) {
    super(code, message, code === "NOT_FOUND" ? 404 : 422);
    this.name = "AlignmentError";
  }
}

export interface ArticleAlignment {
  storyId: string;
  a: { id: string; language: string; paragraphs: Paragraph[] };
  b: { id: string; language: string; paragraphs: Paragraph[] };
  beads: Bead[];
  /** Stored corrections that no longer fit the texts (e.g. after a revision). */
  ignored: AlignmentPair[];
  correction: { updatedAt: Date; updatedById: string | null } | null;
}

export async function alignArticles(db: Db, articleAId: string, articleBId: string): Promise<ArticleAlignment> {
  const [a, b] = await loadPair(db, articleAId, articleBId);
  const swapped = a.id > b.id;
  const stored = await db.paragraphAlignment.findUnique({
    where: { articleAId_articleBId: { articleAId: swapped ? b.id : a.id, articleBId: swapped ? a.id : b.id } },
  });
  const pairs = stored ? parsePairs(stored.pairs).map(([x, y]): AlignmentPair => (swapped ? [y, x] : [x, y])) : [];
  const pa = splitParagraphs(a.text);
  const pb = splitParagraphs(b.text);
  const key = {
    articleAId: a.id,
    articleBId: b.id,
    versionA: `${a.revision}:${a.contentHash}`,
    versionB: `${b.revision}:${b.contentHash}`,
    correctedAt: stored?.updatedAt ?? null,
  };
  const { beads, ignored } = cachedAlignment(key, () =>
    alignParagraphs(
      pa.map((p) => p.end - p.start),
      pb.map((p) => p.end - p.start),
      pairs,
    ),
  );
  return {
    storyId: a.storyId,
    a: { id: a.id, language: a.language, paragraphs: pa },
    b: { id: b.id, language: b.language, paragraphs: pb },
    beads,
    ignored,
    correction: stored ? { updatedAt: stored.updatedAt, updatedById: stored.updatedById } : null,
  };
}

const pairsSchema = z
  .array(z.tuple([z.int().min(0).nullable(), z.int().min(0).nullable()]))
  .max(100_000)
  .refine((pairs) => pairs.every(([x, y]) => x !== null || y !== null), "a pair needs at least one paragraph");

/**
 * Stores an editor's correction: pairs [indexInA, indexInB] (null on one
 * side: that paragraph has no counterpart), usually the whole alignment as
 * the editor left it (`toPairs(beads)`). An empty list removes the correction.
 */
export async function saveAlignmentCorrection(
  db: Db,
  {
    articleAId,
    articleBId,
    pairs,
    actor,
  }: { articleAId: string; articleBId: string; pairs: unknown; actor: { id: string | null } },
): Promise<ArticleAlignment> {
  const parsed = pairsSchema.safeParse(pairs);
  if (!parsed.success) throw new AlignmentError("INVALID_INPUT", `invalid pairs: ${parsed.error.issues[0]?.message}`);
  const [a, b] = await loadPair(db, articleAId, articleBId);
  const pa = splitParagraphs(a.text).length;
  const pb = splitParagraphs(b.text).length;
  const ignored = unusableCorrections(parsed.data, pa, pb);
  if (ignored.length) {
    throw new AlignmentError(
      "INVALID_INPUT",
      `pairs out of range or crossing each other: ${ignored
        .slice(0, 5)
        .map((p) => JSON.stringify(p))
        .join(", ")}`,
    );
  }
  const swapped = a.id > b.id;
  const key = { articleAId: swapped ? b.id : a.id, articleBId: swapped ? a.id : b.id };
  if (parsed.data.length === 0) {
    await db.paragraphAlignment.deleteMany({ where: key });
  } else {
    const stored = parsed.data.map(([x, y]) => (swapped ? [y, x] : [x, y])) as Prisma.InputJsonValue;
    await db.paragraphAlignment.upsert({
      where: { articleAId_articleBId: key },
      create: { ...key, storyId: a.storyId, pairs: stored, updatedById: actor.id },
      update: { pairs: stored, updatedById: actor.id },
    });
  }
  forgetAlignment(a.id, b.id);
  return alignArticles(db, articleAId, articleBId);
}

async function loadPair(db: Db, articleAId: string, articleBId: string) {
  if (articleAId === articleBId) throw new AlignmentError("INVALID_INPUT", "an article is not aligned with itself");
  const articles = await db.article.findMany({
    where: { id: { in: [articleAId, articleBId] } },
    select: { id: true, storyId: true, language: true, text: true, revision: true, contentHash: true },
  });
  const a = articles.find((x) => x.id === articleAId);
  const b = articles.find((x) => x.id === articleBId);
  if (!a || !b) throw new AlignmentError("NOT_FOUND", "the article was not found");
  if (a.storyId !== b.storyId) throw new AlignmentError("INVALID_INPUT", "the articles belong to different stories");
  return [a, b] as const;
}

function parsePairs(value: unknown): AlignmentPair[] {
  const parsed = pairsSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}
