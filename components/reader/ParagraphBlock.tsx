"use client";

import { memo, useEffect, useRef, useState } from "react";
import { ParagraphText } from "./ParagraphText";
import type { RenderSpan } from "./render-spans";
import { useVisibility } from "./visibility";

/** Paragraphs per block: one observer entry and one visibility state per block keeps a 2 MB article light. */
export const BLOCK = 24;

interface Props {
  first: number;
  text: string;
  paragraphs: readonly { start: number; end: number }[];
  buckets: readonly (readonly RenderSpan[])[];
  pending: { start: number; end: number } | null;
}

function same<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A run of paragraphs that draws its spans while near the viewport. */
export const ParagraphBlock = memo(
  function ParagraphBlock({ first, text, paragraphs, buckets, pending }: Props) {
    const ref = useRef<HTMLDivElement>(null);
    const [near, setNear] = useState(false);
    const visibility = useVisibility();
    useEffect(() => {
      const el = ref.current;
      if (!el || !visibility) return;
      return visibility.observe(el, setNear);
    }, [visibility]);
    return (
      <div ref={ref}>
        {paragraphs.map((p, k) => (
          <ParagraphText
            key={first + k}
            index={first + k}
            text={text}
            start={p.start}
            end={p.end}
            spans={buckets[k]!}
            pending={pending && pending.start < p.end && pending.end > p.start ? pending : null}
            near={near}
          />
        ))}
      </div>
    );
  },
  // Blocks get fresh slices each render: compare what they hold.
  (a, b) =>
    a.first === b.first &&
    a.text === b.text &&
    a.pending === b.pending &&
    same(a.paragraphs, b.paragraphs) &&
    same(a.buckets, b.buckets),
);
