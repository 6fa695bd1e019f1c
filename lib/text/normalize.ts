/**
 * Article text is normalized once, at import: Unicode NFC, line endings to
 * "\n", and no control characters besides "\n" and "\t". Offsets given for the
 * raw text (e.g. pre-annotated spans) are carried through with `mapOffset`.
 */
import { graphemeBoundaries, graphemeSegments, isGraphemeBoundary } from "./graphemes";

// C0 and C1 controls and DEL, except tab (\t) and newline (\n). "\r" is
// handled before this (it becomes "\n").
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;
const NEEDS_CLEANING = /[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

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

/** Whether `raw` is already normalized article text (the common case: a cheap check, no copy kept). */
export function isNormalizedArticleText(raw: string): boolean {
  return !NEEDS_CLEANING.test(raw) && raw.normalize("NFC") === raw;
}

export function normalizeArticleText(raw: string): NormalizedText {
  if (isNormalizedArticleText(raw)) return identity(raw);

  // Stage 1: "\r\n" and "\r" become "\n"; other control characters go. Each
  // raw code point keeps the stage-1 offset it lands on (removed ones are
  // zero-width), so offsets map exactly.
  const rawLength = countCodePoints(raw);
  const stage1Of = new Int32Array(rawLength + 1);
  const kept: string[] = [];
  let rawCp = 0;
  let s1 = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    stage1Of[rawCp] = s1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length) {
      const d = raw.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        kept.push(raw[i]! + raw[i + 1]!);
        i++;
        rawCp++;
        s1++;
        continue;
      }
    }
    rawCp++;
    if (c === 0x0d) {
      kept.push("\n");
      s1++;
      // "\r\n" is one line break: the "\n" is dropped (zero-width).
      if (raw.charCodeAt(i + 1) === 0x0a) {
        stage1Of[rawCp] = s1;
        i++;
        rawCp++;
      }
    } else if ((c <= 0x1f && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) {
      // dropped
    } else {
      kept.push(raw[i]!);
      s1++;
    }
  }
  stage1Of[rawCp] = s1;
  const stage1 = kept.join("");

  // Stage 2: NFC composes within a grapheme cluster (a base and its marks),
  // so normalizing cluster by cluster gives the same text as normalizing the
  // whole, while telling us where every cluster went. Controls are gone by
  // now, so they cannot split a base from its marks.
  // clusterOut[i] = normalized offset of stage-1 code point i when i starts a
  // cluster; -1 inside a cluster.
  const clusterOut = new Int32Array(s1 + 1).fill(-1);
  const parts: string[] = [];
  let inCp = 0;
  let outCp = 0;
  for (const segment of graphemeSegments(stage1)) {
    const normalized = segment.normalize("NFC");
    clusterOut[inCp] = outCp;
    inCp += countCodePoints(segment);
    outCp += normalized === segment ? countCodePoints(segment) : countCodePoints(normalized);
    parts.push(normalized);
  }
  clusterOut[inCp] = outCp;
  let text = parts.join("");
  if (text.normalize("NFC") !== text) {
    // Not expected from Unicode's rules; never store text that is not NFC.
    // Offsets then snap to the nearest clusters of the per-cluster pass.
    text = text.normalize("NFC");
  }
  const totalLength = countCodePoints(text);

  return {
    text,
    unchanged: text === raw,
    mapOffset(rawOffset, side) {
      const o = stage1Of[Math.max(0, Math.min(rawOffset, rawLength))]!;
      if (side === "start") {
        for (let i = o; i >= 0; i--) if (clusterOut[i]! >= 0) return Math.min(clusterOut[i]!, totalLength);
        return 0;
      }
      for (let i = o; i <= s1; i++) if (clusterOut[i]! >= 0) return Math.min(clusterOut[i]!, totalLength);
      return totalLength;
    },
  };
}

/** Already-normalized text: offsets stay, but still snap out of grapheme clusters. */
function identity(text: string): NormalizedText {
  let boundaries: number[] | undefined;
  let length: number | undefined;
  return {
    text,
    unchanged: true,
    mapOffset(rawOffset, side) {
      length ??= countCodePoints(text);
      const o = Math.max(0, Math.min(rawOffset, length));
      boundaries ??= graphemeBoundaries(text);
      if (isGraphemeBoundary(boundaries, o)) return o;
      // Binary search for the surrounding boundaries.
      let lo = 0;
      let hi = boundaries.length - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (boundaries[mid]! < o) lo = mid;
        else hi = mid;
      }
      return side === "start" ? boundaries[lo]! : boundaries[hi]!;
    },
  };
}

function countCodePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Normalizes a short string (a quote, a title) the same way as article text. */
export function normalizeSnippet(value: string): string {
  return normalizeUnit(value);
}
