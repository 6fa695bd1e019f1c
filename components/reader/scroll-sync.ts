/**
 * Keeps panes on aligned paragraphs: when the pane the reader is working in
 * scrolls, every other pane is scrolled so that the counterpart of its top
 * paragraph is at the top, at the same fraction of the paragraph. Only the
 * leading pane (the last one pressed, wheeled, touched, focused or typed in)
 * drives; the scrolls it causes in the others are not echoed back. A pointer
 * merely entering a pane does not lead: a resting pointer "enters" whatever
 * moves under it (a menu closing above a pane), and a leader taken that way
 * echoes the sync back and stops the real leader's keyboard scroll midway.
 */
import { paragraphMap, reverseBeads } from "@/lib/reader/alignment-map";
import type { PaneAlignment } from "@/lib/reader/story-view";

const LEAD_EVENTS = ["pointerdown", "wheel", "touchstart", "keydown", "focusin"] as const;

export class ScrollSync {
  private readonly scrollers: (HTMLElement | null)[] = [];
  private readonly maps = new Map<string, Int32Array>();
  private readonly cleanups = new Map<number, () => void>();
  private leader = -1;
  private frame = 0;

  constructor(alignments: readonly PaneAlignment[], paragraphCounts: readonly number[]) {
    for (const { left, right, beads } of alignments) {
      this.maps.set(`${left}>${right}`, paragraphMap(beads, paragraphCounts[left] ?? 0));
      this.maps.set(`${right}>${left}`, paragraphMap(reverseBeads(beads), paragraphCounts[right] ?? 0));
    }
  }

  register = (pane: number, scroller: HTMLElement | null): void => {
    this.cleanups.get(pane)?.();
    this.cleanups.delete(pane);
    this.scrollers[pane] = scroller;
    if (!scroller) return;
    const lead = () => {
      this.leader = pane;
    };
    const onScroll = () => {
      if (this.leader !== pane) return;
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => {
        this.follow(pane);
        // Paragraphs that just came into view may have changed size: settle once more.
        this.frame = requestAnimationFrame(() => this.follow(pane));
      });
    };
    for (const type of LEAD_EVENTS) scroller.addEventListener(type, lead, { passive: true });
    scroller.addEventListener("scroll", onScroll, { passive: true });
    this.cleanups.set(pane, () => {
      for (const type of LEAD_EVENTS) scroller.removeEventListener(type, lead);
      scroller.removeEventListener("scroll", onScroll);
    });
  };

  /** Makes `pane` the leader (e.g. when the keyboard moves into it). */
  lead(pane: number): void {
    this.leader = pane;
  }

  /** Scrolls every other pane to the counterpart of `from`'s top paragraph. */
  follow(from: number): void {
    const source = this.scrollers[from];
    if (!source || !this.scrollers.some((other, k) => k !== from && other)) return;
    const top = topParagraph(source);
    if (!top) return;
    for (let to = 0; to < this.scrollers.length; to++) {
      const target = this.scrollers[to];
      if (to === from || !target) continue;
      const map = this.maps.get(`${from}>${to}`);
      const index = map?.[top.index] ?? -1;
      if (index < 0) continue;
      const el = target.querySelector<HTMLElement>(`[data-p="${index}"]`);
      if (!el) continue;
      const atEnd = source.scrollTop + source.clientHeight >= source.scrollHeight - 2;
      target.scrollTop =
        atEnd && top.index === map!.length - 1
          ? target.scrollHeight
          : topIn(target, el) + top.fraction * el.offsetHeight - PAD;
    }
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    for (const cleanup of this.cleanups.values()) cleanup();
    this.cleanups.clear();
  }
}

/** Padding above the first line, so a synced paragraph does not sit flush against the edge. */
const PAD = 12;

/**
 * How far below the top of `scroller`'s content `el` is. Offsets are summed up
 * the offsetParent chain: a paragraph's block (content-visibility: auto, so
 * contained) is its offsetParent in Chromium, not the scroller.
 */
export function topIn(scroller: HTMLElement, el: HTMLElement): number {
  let top = 0;
  let at: HTMLElement | null = el;
  while (at && at !== scroller) {
    top += at.offsetTop;
    const parent = at.offsetParent as HTMLElement | null;
    if (parent && parent !== scroller && !scroller.contains(parent)) break;
    at = parent;
  }
  return top;
}

/** The last of `elements` (in text order) whose top is at or above `line`, else the first; -1 if there are none. */
function lastAtOrAbove(scroller: HTMLElement, elements: ArrayLike<HTMLElement>, line: number): number {
  if (elements.length === 0) return -1;
  let lo = 0;
  let hi = elements.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (topIn(scroller, elements[mid]!) <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The paragraph at the top of a scroller and how far into it the top edge is (0…1).
 * Runs on every scrolled frame: it searches the scroller's blocks of paragraphs, then
 * the paragraphs of one block, rather than listing every paragraph of the text.
 */
export function topParagraph(scroller: HTMLElement): { index: number; fraction: number } | null {
  const line = scroller.scrollTop + PAD;
  const blocks = Array.prototype.filter.call(scroller.children, (el: Element) =>
    el.classList.contains("reader-block"),
  ) as HTMLElement[];
  const block = blocks[lastAtOrAbove(scroller, blocks, line)];
  const paragraphs = block
    ? (block.children as HTMLCollectionOf<HTMLElement>)
    : scroller.querySelectorAll<HTMLElement>("[data-p]");
  const found = lastAtOrAbove(scroller, paragraphs, line);
  if (found < 0) return null;
  const el = paragraphs[found]!;
  const top = topIn(scroller, el);
  const fraction = el.offsetHeight ? Math.min(1, Math.max(0, (line - top) / el.offsetHeight)) : 0;
  return { index: Number(el.dataset.p), fraction };
}
