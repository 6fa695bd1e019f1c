/**
 * SpanValidators per article revision, kept in memory: building one segments
 * the whole text into grapheme clusters, which for a long article costs far
 * more than the span write itself. Entries are keyed by article id, revision
 * and content hash as the caller read them in the same request, so a revised
 * article is never validated against its old text.
 */
import type { Db } from "../db";
import { SizedLru } from "../cache/sized-lru";
import { SpanValidator } from "../spans/validate";

// UTF-16 units of article text; with the indexes, roughly 100 MB at most.
const cache = new SizedLru<SpanValidator>(8_000_000);

export interface ValidatorFor {
  revision: number;
  validator: SpanValidator;
}

/**
 * The validator of article `articleId` at the revision and content hash the
 * caller has just read. Returns the revision actually loaded: it differs only
 * if the article changed in between, which the caller then reports.
 */
export async function articleValidator(
  db: Pick<Db, "article">,
  articleId: string,
  revision: number,
  contentHash: string,
): Promise<ValidatorFor> {
  const hit = cache.get(`${articleId}:${revision}:${contentHash}`);
  if (hit) return { revision, validator: hit };
  const row = await db.article.findUnique({
    where: { id: articleId },
    select: { text: true, revision: true, contentHash: true },
  });
  if (!row) throw new Error(`article ${articleId} vanished`);
  const validator = new SpanValidator(row.text);
  cache.set(`${articleId}:${row.revision}:${row.contentHash}`, validator, row.text.length);
  return { revision: row.revision, validator };
}

/** For tests: forget everything. */
export function clearArticleCache(): void {
  cache.clear();
}
