/**
 * Re-anchoring: where a span of the old text lies in the new text. A span is
 * found again by its quote (W3C TextQuoteSelector: quote, prefix, suffix):
 *
 1. an occurrence of the quote whose surrounding text still matches the
 *    stored prefix and suffix ("context") — the nearest to where the span is
 *    expected, when there are several;
 * 2. otherwise the occurrence nearest to where it is expected: exactly there
 *    when the span itself lies outside the edited region, else the one that
 *    keeps the most of its context, then the nearest;
 * 3. otherwise nothing: the span is orphaned (kept, flagged for review).
 *
 * "Expected" comes from the edit itself: text before the first change keeps
 * its offsets, text after the last change shifts by the length difference,
 * and text inside the changed region is placed proportionally (a guess).
 */
import { SpanValidator } from "../spans/validate";
import { OffsetIndex } from "../text/code-points";

export interface AnchorSpan {
  id: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

export type Placement =
  { method: "context" | "nearest"; start: number; end: number } | { method: "orphaned"; start: null; end: null };

export function anchorSpans(oldText: string, newText: string, spans: readonly AnchorSpan[]): Map<string, Placement> {
  const oldIndex = new OffsetIndex(oldText);
  const newIndex = new OffsetIndex(newText);
  const expected = expectedPosition(oldText, newText, oldIndex, newIndex);
  let validator: SpanValidator | undefined;
  const occurrencesOf = new Map<string, number[]>();
  const result = new Map<string, Placement>();

  for (const span of spans) {
    let occurrences = occurrencesOf.get(span.quote);
    if (!occurrences) {
      validator ??= new SpanValidator(newText);
      occurrences = findAll(newText, span.quote).filter((at) => {
        const start = newIndex.toCodePoint(at);
        return validator!.check(start, newIndex.toCodePoint(at + span.quote.length)) === null;
      });
      occurrencesOf.set(span.quote, occurrences);
    }
    if (!span.quote || occurrences.length === 0) {
      result.set(span.id, { method: "orphaned", start: null, end: null });
      continue;
    }
    const { offset: target, exact } = expected(span.start, span.end);
    let best: Candidate | null = null;
    for (const at of occurrences) {
      const before = newText.slice(Math.max(0, at - span.prefix.length), at);
      const after = newText.slice(at + span.quote.length, at + span.quote.length + span.suffix.length);
      const prefixMatch = commonSuffix(before, span.prefix);
      const suffixMatch = commonPrefix(after, span.suffix);
      const full = prefixMatch === span.prefix.length && suffixMatch === span.suffix.length;
      const distance = Math.abs(newIndex.toCodePoint(at) - target);
      const candidate = { at, full, onTarget: exact && distance === 0, score: prefixMatch + suffixMatch, distance };
      if (!best || better(candidate, best)) best = candidate;
    }
    const start = newIndex.toCodePoint(best!.at);
    result.set(span.id, {
      method: best!.full ? "context" : "nearest",
      start,
      end: newIndex.toCodePoint(best!.at + span.quote.length),
    });
  }
  return result;
}

interface Candidate {
  at: number;
  full: boolean;
  onTarget: boolean;
  score: number;
  distance: number;
}

/** Full context first (nearest wins), then the exact expected place, then more context, then nearer. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.full !== b.full) return a.full;
  if (a.full) return a.distance < b.distance;
  if (a.onTarget !== b.onTarget) return a.onTarget;
  if (a.score !== b.score) return a.score > b.score;
  return a.distance < b.distance;
}

/** Maps an old code-point offset to where it is expected in the new text. */
function expectedPosition(oldText: string, newText: string, oldIndex: OffsetIndex, newIndex: OffsetIndex) {
  let p = 0;
  const max = Math.min(oldText.length, newText.length);
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && oldText.charCodeAt(oldText.length - 1 - s) === newText.charCodeAt(newText.length - 1 - s)) s++;
  const prefixCp = oldIndex.toCodePoint(p);
  const oldSuffixStart = oldIndex.toCodePoint(oldText.length - s);
  const newSuffixStart = newIndex.toCodePoint(newText.length - s);
  const oldChanged = Math.max(0, oldSuffixStart - prefixCp);
  const newChanged = Math.max(0, newSuffixStart - prefixCp);
  // `exact`: the span itself lies in unchanged text, so its new place is known.
  return (start: number, end: number): { offset: number; exact: boolean } => {
    if (end <= prefixCp) return { offset: start, exact: true };
    if (start >= oldSuffixStart) return { offset: start - oldSuffixStart + newSuffixStart, exact: true };
    if (start <= prefixCp) return { offset: start, exact: false };
    return { offset: prefixCp + Math.round(((start - prefixCp) * newChanged) / Math.max(1, oldChanged)), exact: false };
  };
}

function findAll(text: string, quote: string): number[] {
  const out: number[] = [];
  if (!quote) return out;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) out.push(at);
  return out;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
