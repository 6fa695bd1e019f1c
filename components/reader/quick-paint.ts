/**
 * Quick paint: a new span shown over a pane's text in the very next frame,
 * as a CSS Custom Highlight (no DOM change, so no style or layout work
 * beyond the paint), ahead of the React render that draws its segments.
 * That render, with the store's bookkeeping, then runs after the frame is
 * painted and clears the quick paint in the same commit. A label key or
 * another editor's span thus reaches the screen within a frame even on a
 * slow machine, where the render alone would not fit in one.
 *
 * Where the browser lacks the Highlight API, nothing is painted early and
 * the render paints the span a frame later.
 */
import { paragraphAt } from "./caret";
import { BLOCK } from "./ParagraphBlock";

const PREFIX = "px-quick-";

/** The highlight's name for a label colour (#rrggbb). */
function nameOf(color: string): string {
  return PREFIX + color.replace(/[^0-9a-z]/gi, "").toLowerCase();
}

/** Whether this browser paints CSS Custom Highlights. */
function canQuickPaint(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";
}

/**
 * The style of the quick paint in each label colour: the tint and underline a
 * drawn segment has (ParagraphText), and the pending selection's own tint
 * lifted while the pane shows a quick paint over it.
 */
export function quickPaintCss(colors: Iterable<string>): string {
  const rules = [...new Set(colors)]
    .filter((c) => /^#[0-9a-f]{6}$/i.test(c))
    .map(
      (c) =>
        `::highlight(${nameOf(c)}){background-color:${c}26;text-decoration:underline 2px ${c};text-underline-offset:3px}`,
    );
  return [...rules, "[data-quick] [data-pending]{background-color:transparent!important}"].join("\n");
}

/** The paragraph element of index `p` in a pane's scroller (blocks of BLOCK paragraphs). */
function paragraphElement(scroller: HTMLElement, p: number): HTMLElement | null {
  const direct = scroller.children[Math.floor(p / BLOCK)]?.children[p % BLOCK];
  if (direct instanceof HTMLElement && direct.dataset.p === String(p)) return direct;
  return scroller.querySelector<HTMLElement>(`[data-p="${p}"]`);
}

/** The DOM position of UTF-16 index `at` of the article inside its paragraph element. */
function pointIn(paragraph: HTMLElement, at: number): [Node, number] | null {
  let left = at - Number(paragraph.dataset.o);
  if (left < 0) return null;
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (left <= node.length) return [node, left];
    left -= node.length;
    last = node;
  }
  return last && left === 0 ? [last, last.length] : null;
}

/** The DOM range of UTF-16 indices [start, end) of a pane's text, given its paragraphs' UTF-16 ranges. */
export function paneRange(
  scroller: HTMLElement,
  paragraphs: readonly { start: number; end: number }[],
  start: number,
  end: number,
): Range | null {
  if (!paragraphs.length) return null;
  const a = paragraphElement(scroller, paragraphAt(paragraphs, start));
  const b = paragraphElement(scroller, paragraphAt(paragraphs, Math.max(start, end - 1)));
  const from = a && pointIn(a, start);
  const to = b && pointIn(b, end);
  if (!from || !to) return null;
  const range = document.createRange();
  range.setStart(...from);
  range.setEnd(...to);
  return range;
}

/**
 * Paints `range` of a pane's text in `color` at once; returns what removes it. `tagging`: the range
 * is the pending selection being tagged (one at a time), whose own tint is lifted meanwhile.
 */
export function quickPaint(scroller: HTMLElement, range: Range, color: string, tagging = false): () => void {
  if (!canQuickPaint()) return () => {};
  const name = nameOf(color);
  const existing = CSS.highlights.get(name);
  if (existing) existing.add(range);
  else CSS.highlights.set(name, new Highlight(range));
  if (tagging) scroller.dataset.quick = "";
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const highlight = CSS.highlights.get(name);
    highlight?.delete(range);
    if (highlight && highlight.size === 0) CSS.highlights.delete(name);
    if (tagging) delete scroller.dataset.quick;
  };
}
