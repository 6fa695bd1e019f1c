"use client";

import { memo, useEffect, useMemo, useRef, useState } from "react";
import type { SpanDTO } from "@/lib/annotation/dto";
import type { PaneArticle } from "@/lib/reader/story-view";
import { OffsetIndex } from "@/lib/text/code-points";
import { Day } from "@/components/ui/Time";
import { fontStack } from "./fonts";
import { BLOCK, ParagraphBlock } from "./ParagraphBlock";
import { paneBuckets, renderSpanOf, type PaneBuckets, type RenderSpan } from "./render-spans";
import { VisibilityContext, VisibilityRegistry } from "./visibility";
import { PresenceChips } from "./PresenceChips";
import type { PresencePerson } from "@/lib/live-client/connection";
import "./reader.css";

interface Props {
  pane: number;
  article: PaneArticle;
  spans: readonly SpanDTO[];
  colors: ReadonlyMap<string, string>;
  /** UTF-16 range being selected or tagged in this pane. */
  pending: { start: number; end: number } | null;
  active: boolean;
  registerScroller: (pane: number, scroller: HTMLElement | null) => void;
  /** Other editors with the story open (presence chips on the header). */
  others?: readonly PresencePerson[];
  /** The annotation layer the pane shows, when it is not the reader's own (curation: an annotator's, the curated one). */
  layer?: string;
}

/** The title a version shows: its own, or a fallback naming language and outlet. */
export function paneTitle(article: Pick<PaneArticle, "title" | "language" | "outlet">): string {
  return article.title?.trim() || `Untitled (${article.language}${article.outlet ? `, ${article.outlet}` : ""})`;
}

/** One language version: header and scrolling text with its spans. */
export const ReaderPane = memo(function ReaderPane({
  pane,
  article,
  spans,
  colors,
  pending,
  active,
  registerScroller,
  others,
  layer,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [registry] = useState(() => new VisibilityRegistry());
  useEffect(() => {
    if (scroller.current) registry.attach(scroller.current);
    registerScroller(pane, scroller.current);
    return () => {
      registry.detach();
      registerScroller(pane, null);
    };
  }, [pane, registerScroller, registry]);

  const index = useMemo(() => new OffsetIndex(article.text), [article.text]);
  const paragraphs = useMemo(
    () => article.paragraphs.map((p) => ({ start: index.toUtf16(p.start), end: index.toUtf16(p.end) })),
    [article.paragraphs, index],
  );
  const cache = useMemo(() => new WeakMap<SpanDTO, RenderSpan>(), []);
  const previous = useRef<PaneBuckets | null>(null);
  const buckets = useMemo(() => {
    const next = paneBuckets(paragraphs, spans, (s) => renderSpanOf(cache, index, colors, s), previous.current);
    previous.current = next;
    return next.buckets;
  }, [spans, paragraphs, cache, index, colors]);

  const blocks = useMemo(
    () => Array.from({ length: Math.ceil(paragraphs.length / BLOCK) }, (_, k) => k * BLOCK),
    [paragraphs.length],
  );

  const titleId = `pane-${pane}-title`;
  const title = paneTitle(article);
  return (
    <section
      aria-labelledby={titleId}
      data-pane={pane}
      data-article={article.id}
      className={`flex min-w-0 flex-col rounded-lg border bg-white ${active ? "border-blue-400" : "border-stone-200"}`}
    >
      <header className="border-b border-stone-200 px-4 py-2" lang={article.language} dir={article.dir}>
        {layer ? (
          <p className="mb-1 text-sm font-medium text-stone-800" dir="ltr" data-testid="pane-layer">
            {layer}
          </p>
        ) : null}
        <p className="text-xs text-stone-500" dir="ltr">
          <span className="rounded bg-stone-100 px-1.5 py-0.5 font-mono" data-testid="pane-language">
            {article.language}
          </span>
          {article.outlet ? (
            <span>
              {" "}
              · <bdi>{article.outlet}</bdi>
            </span>
          ) : null}
          {article.publishedAt ? (
            <span data-testid="pane-date">
              {" "}
              · <Day value={article.publishedAt} />
            </span>
          ) : null}
        </p>
        {others?.length ? (
          <div className="mt-1" dir="ltr">
            <PresenceChips people={others} articleId={article.id} />
          </div>
        ) : null}
        <h2
          id={titleId}
          className={`mt-1 font-semibold ${article.title ? "" : "text-stone-500 italic"}`}
          style={{ fontFamily: fontStack(article.script ?? undefined) }}
        >
          {title}
        </h2>
      </header>
      <div
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={`Text of ${title} (${article.language})${layer ? `, ${layer}` : ""}, pane ${pane + 1}`}
        data-testid={`pane-text-${pane}`}
        data-scroller={pane}
        lang={article.language}
        dir={article.dir}
        className={`reader-text relative h-[calc(100vh-14rem)] min-h-64 overflow-y-auto px-4 py-3 text-[1.05rem] ${article.cjk ? "reader-cjk" : ""}`}
        style={{ fontFamily: fontStack(article.script ?? undefined) }}
      >
        <VisibilityContext.Provider value={registry}>
          {blocks.map((first) => {
            const last = Math.min(paragraphs.length, first + BLOCK);
            const touched =
              pending && pending.start < paragraphs[last - 1]!.end && pending.end > paragraphs[first]!.start;
            return (
              <ParagraphBlock
                key={first}
                first={first}
                text={article.text}
                paragraphs={paragraphs.slice(first, last)}
                buckets={buckets.slice(first, last)}
                pending={touched ? pending : null}
              />
            );
          })}
        </VisibilityContext.Provider>
        {paragraphs.length === 0 ? <p className="text-stone-500">This version has no text.</p> : null}
      </div>
    </section>
  );
});
