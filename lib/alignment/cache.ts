/**
 * The automatic alignments computed lately, in memory: the reader opens the
 * same pair of versions again and again, and the alignment only changes
 * with either text (its revision and content hash are part of the key) or
 * with the editor's correction (its time of saving is part of the key, and
 * saving one drops the pair's entry). A small least-recently-used table,
 * one entry per pair of articles.
 */
import type { AlignmentResult } from "./align";

export interface AlignmentKey {
  articleAId: string;
  articleBId: string;
  /** Revision and content hash of each article, and when the correction was saved (null: none). */
  versionA: string;
  versionB: string;
  correctedAt: Date | null;
}

const CAPACITY = 256;
const entries = new Map<string, { version: string; result: AlignmentResult }>();

/** The pair in a fixed order, whichever article is A. */
function pairOf(key: AlignmentKey): { pair: string; version: string; swapped: boolean } {
  const swapped = key.articleAId > key.articleBId;
  const [x, y] = swapped ? [key.articleBId, key.articleAId] : [key.articleAId, key.articleBId];
  const [vx, vy] = swapped ? [key.versionB, key.versionA] : [key.versionA, key.versionB];
  return { pair: `${x}|${y}`, version: `${vx}|${vy}|${key.correctedAt?.getTime() ?? "-"}`, swapped };
}

function swap(result: AlignmentResult): AlignmentResult {
  return {
    beads: result.beads.map((bead) => ({ a: bead.b, b: bead.a, source: bead.source })),
    ignored: result.ignored.map(([x, y]) => [y, x]),
  };
}

/** The cached alignment for `key`, or the one `compute` returns (then cached). */
export function cachedAlignment(key: AlignmentKey, compute: () => AlignmentResult): AlignmentResult {
  const { pair, version, swapped } = pairOf(key);
  const hit = entries.get(pair);
  if (hit && hit.version === version) {
    // Most recently used last.
    entries.delete(pair);
    entries.set(pair, hit);
    return swapped ? swap(hit.result) : hit.result;
  }
  const result = compute();
  entries.delete(pair);
  entries.set(pair, { version, result: swapped ? swap(result) : result });
  while (entries.size > CAPACITY) entries.delete(entries.keys().next().value!);
  return result;
}

/** Drops the pair's cached alignment (its correction changed). */
export function forgetAlignment(articleAId: string, articleBId: string): void {
  entries.delete(articleAId < articleBId ? `${articleAId}|${articleBId}` : `${articleBId}|${articleAId}`);
}
