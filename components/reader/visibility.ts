"use client";

/**
 * One IntersectionObserver per pane, shared by its paragraphs: a paragraph
 * draws its spans only while it is within a screen or so of the viewport.
 */
import { createContext, useContext } from "react";

export class VisibilityRegistry {
  private readonly callbacks = new Map<Element, (near: boolean) => void>();
  private readonly observer: IntersectionObserver;

  constructor(root: Element | null) {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) this.callbacks.get(entry.target)?.(entry.isIntersecting);
      },
      { root, rootMargin: "100% 0px 100% 0px" },
    );
  }

  observe(element: Element, callback: (near: boolean) => void): () => void {
    this.callbacks.set(element, callback);
    this.observer.observe(element);
    return () => {
      this.callbacks.delete(element);
      this.observer.unobserve(element);
    };
  }

  disconnect(): void {
    this.observer.disconnect();
    this.callbacks.clear();
  }
}

export const VisibilityContext = createContext<VisibilityRegistry | null>(null);

export function useVisibility(): VisibilityRegistry | null {
  return useContext(VisibilityContext);
}
