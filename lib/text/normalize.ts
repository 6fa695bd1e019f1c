/**
 * Article text is normalized once, at import: Unicode NFC, line endings to
 * "\n", and no control characters besides "\n" and "\t". Offsets given for the
 * raw text (e.g. pre-annotated spans) are carried through with `mapOffset`.
 */
import { graphemeSegmenter } from "./graphemes";

// C0 and C1 controls and DEL, except tab (\t) and newline (\n). "\r" is
// handled before this (it becomes "\n").
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

function normalizeUnit(unit: string): string {
  return unit.replace(/\r\n?/g, "\n").replace(CONTROL, "").normalize("NFC");
}

export interface NormalizedText {
  text: string;
  /**
   * Maps a code-point offset in the raw text to the normalized text. An offset
   * inside a grapheme cluster moves to the cluster's start ("start") or end ("end").
   */
  mapOffset(rawOffset: number, side: "start" | "end"): number;
  /** True when normalization changed nothing. */
  unchanged: boolean;
}

export function normalizeArticleText(raw: string): NormalizedText {
  // NFC composes within a grapheme cluster (a base and its marks; "\r\n" is
  // one cluster too), so normalizing cluster by cluster gives the same text as
  // normalizing the whole, while telling us where every cluster went.
  const rawLength = [...raw].length;
  // boundaries[i] = normalized offset of raw code point i, for cluster starts;
  // -1 inside a cluster.
  const startOf = new Int32Array(rawLength + 1).fill(-1);
  const endOf = new Int32Array(rawLength + 1).fill(-1);
  const parts: string[] = [];
  let rawCp = 0;
  let outCp = 0;
  for (const { segment } of graphemeSegmenter().segment(raw)) {
    const normalized = normalizeUnit(segment);
    startOf[rawCp] = outCp;
    endOf[rawCp] = outCp;
    const segLength = [...segment].length;
    rawCp += segLength;
    outCp += [...normalized].length;
    startOf[rawCp] = outCp;
    endOf[rawCp] = outCp;
    parts.push(normalized);
  }
  const text = parts.join("");
  return {
    text,
    unchanged: text === raw,
    mapOffset(rawOffset, side) {
      const o = Math.max(0, Math.min(rawOffset, rawLength));
      if (side === "start") {
        for (let i = o; i >= 0; i--) if (startOf[i]! >= 0) return startOf[i]!;
        return 0;
      }
      for (let i = o; i <= rawLength; i++) if (endOf[i]! >= 0) return endOf[i]!;
      return [...text].length;
    },
  };
}

/** Normalizes a short string (a quote, a title) the same way as article text. */
export function normalizeSnippet(value: string): string {
  return normalizeUnit(value);
}
