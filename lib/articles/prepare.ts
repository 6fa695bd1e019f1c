/**
 * Turns raw article input into the row we store: normalized text, its length
 * in code points and its content hash.
 */
import { codePointLength } from "../text/code-points";
import { contentHash } from "../text/hash";
import { normalizeArticleText, normalizeSnippet } from "../text/normalize";

export interface PreparedText {
  text: string;
  length: number;
  contentHash: string;
}

export function prepareText(
  raw: string,
): PreparedText & { mapOffset: ReturnType<typeof normalizeArticleText>["mapOffset"] } {
  const { text, mapOffset } = normalizeArticleText(raw);
  return { text, length: codePointLength(text), contentHash: contentHash(text), mapOffset };
}

/** Trims and normalizes an optional metadata field; empty becomes null. */
export function cleanField(value: string | null | undefined): string | null {
  if (value == null) return null;
  const cleaned = normalizeSnippet(value).replace(/\s+/g, " ").trim();
  return cleaned === "" ? null : cleaned;
}
