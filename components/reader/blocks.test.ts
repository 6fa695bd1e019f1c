import { describe, expect, it } from "vitest";
import { estimatedHeight } from "./ParagraphBlock";
import { topIn, topParagraph } from "./scroll-sync";

describe("estimatedHeight", () => {
  it("is the block's characters over a line's, half a line and a margin a paragraph, as CSS", () => {
    expect(
      estimatedHeight([
        { start: 0, end: 0 },
        { start: 1, end: 401 },
      ]),
    ).toBe("calc((400 / var(--reader-line-chars, 60) + 1) * 1.7rem + 2rem)");
  });
});

interface Fake {
  offsetTop: number;
  offsetParent: Fake | null;
}

function scroller(): Fake & { contains: (el: unknown) => boolean; members: Set<unknown> } {
  const s = {
    offsetTop: 999,
    offsetParent: null,
    members: new Set<unknown>(),
    contains: (el: unknown) => s.members.has(el),
  };
  return s;
}

describe("topIn", () => {
  it("is the offsetTop when the scroller is the offsetParent", () => {
    const s = scroller();
    const p = { offsetTop: 120, offsetParent: s };
    s.members.add(p);
    expect(topIn(s as unknown as HTMLElement, p as unknown as HTMLElement)).toBe(120);
  });

  it("adds the offsets of contained blocks between the paragraph and the scroller", () => {
    const s = scroller();
    const block = { offsetTop: 3_000, offsetParent: s };
    const p = { offsetTop: 40, offsetParent: block };
    s.members.add(block).add(p);
    expect(topIn(s as unknown as HTMLElement, p as unknown as HTMLElement)).toBe(3_040);
  });
});

describe("topParagraph", () => {
  /** A scroller of blocks of paragraphs 100 px high each (3 a block), the scroller their blocks' offsetParent. */
  function pane(scrollTop: number) {
    const members = new Set<unknown>();
    const scroller = {
      scrollTop,
      offsetTop: 0,
      offsetParent: null,
      children: [] as unknown[],
      contains: (el: unknown) => members.has(el),
      querySelectorAll: () => [],
    };
    for (let b = 0; b < 4; b++) {
      const block = {
        offsetTop: 300 * b,
        offsetParent: scroller,
        classList: { contains: (c: string) => c === "reader-block" },
        children: [] as unknown[],
      };
      for (let k = 0; k < 3; k++) {
        const p = { offsetTop: 100 * k, offsetHeight: 100, offsetParent: block, dataset: { p: String(3 * b + k) } };
        block.children.push(p);
        members.add(p);
      }
      scroller.children.push(block);
      members.add(block);
    }
    return scroller as unknown as HTMLElement;
  }

  it("finds the paragraph under the top edge (12 px below the scroll position) and how far into it", () => {
    expect(topParagraph(pane(0))).toEqual({ index: 0, fraction: 0.12 });
    expect(topParagraph(pane(438))).toEqual({ index: 4, fraction: 0.5 });
    expect(topParagraph(pane(888))).toEqual({ index: 9, fraction: 0 });
    expect(topParagraph(pane(5_000))).toEqual({ index: 11, fraction: 1 });
  });
});
