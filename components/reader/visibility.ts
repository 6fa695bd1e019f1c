"use client";

/**
 * One IntersectionObserver per pane, shared by its paragraphs: a paragraph
 * draws its spans only while it is within a screen or so of the viewport.
 */
import { createContext, useContext } from "react";

/** Average advance of a character of the reader's text, in em (Noto Sans; Chinese, Japanese, Korean are full width): for line estimates. */
const CHAR_EM = 0.55;
const CJK_CHAR_EM = 1;

/**
 * Made with the pane (so its paragraphs have it from their first render, and
 * attaching it re-renders none of them); it watches once `attach` gives it the
 * pane's scroller. Paragraphs that ask before that are watched from then on.
 */
export class VisibilityRegistry {
  private readonly callbacks = new Map<Element, (near: boolean) => void>();
  private observer: IntersectionObserver | null = null;
  private sizes: ResizeObserver | null = null;

  attach(root: HTMLElement): void {
    this.detach();
    // Characters a line of the pane holds, as the CSS variable --reader-line-chars on the
    // root: blocks not yet laid out estimate their height from it (ParagraphBlock).
    if (typeof ResizeObserver !== "undefined") {
      const measure = () => {
        const style = getComputedStyle(root);
        const width = root.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const em = root.classList.contains("reader-cjk") ? CJK_CHAR_EM : CHAR_EM;
        const chars = Math.max(10, Math.round(width / (em * parseFloat(style.fontSize))));
        // A change restyles every paragraph of the pane: only when the width really changed.
        if (root.style.getPropertyValue("--reader-line-chars") !== String(chars))
          root.style.setProperty("--reader-line-chars", String(chars));
      };
      // At once, so a jump made as the pane opens (reveal) scrolls through estimates of the right size.
      measure();
      this.sizes = new ResizeObserver(measure);
      this.sizes.observe(root);
    }
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) this.callbacks.get(entry.target)?.(entry.isIntersecting);
      },
      { root, rootMargin: "100% 0px 100% 0px" },
    );
    for (const element of this.callbacks.keys()) this.observer.observe(element);
  }

  observe(element: Element, callback: (near: boolean) => void): () => void {
    this.callbacks.set(element, callback);
    this.observer?.observe(element);
    return () => {
      this.callbacks.delete(element);
      this.observer?.unobserve(element);
    };
  }

  /** Stops watching (the pane unmounts); the paragraphs stay registered for a later `attach`. */
  detach(): void {
    this.observer?.disconnect();
    this.sizes?.disconnect();
    this.observer = null;
    this.sizes = null;
  }
}

export const VisibilityContext = createContext<VisibilityRegistry | null>(null);

export function useVisibility(): VisibilityRegistry | null {
  return useContext(VisibilityContext);
}
