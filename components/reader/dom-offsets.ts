/**
 * From a DOM position inside a pane's text to a UTF-16 index into the
 * article text. Every paragraph and every highlighted segment carries its
 * own offset (`data-o`), so the index is that offset plus the length of the
 * text between the element's start and the position.
 */
export function textOffsetOf(node: Node, offset: number): number | null {
  const element = (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement)?.closest("[data-o]");
  if (!element) return null;
  const range = document.createRange();
  range.setStart(element, 0);
  try {
    range.setEnd(node, offset);
  } catch {
    return null;
  }
  return Number(element.getAttribute("data-o")) + range.toString().length;
}

/** The UTF-16 range of the window's selection when it lies in `root` (a pane's text), else null. */
export function selectionIn(root: HTMLElement): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = edgeOffset(root, range.startContainer, range.startOffset, "start");
  const end = edgeOffset(root, range.endContainer, range.endOffset, "end");
  return start === null || end === null ? null : { start, end };
}

/**
 * A selection edge between paragraphs (on the text container itself, e.g.
 * after a triple click) is moved to the nearest paragraph's start or end.
 */
function edgeOffset(root: HTMLElement, node: Node, offset: number, edge: "start" | "end"): number | null {
  const direct = textOffsetOf(node, offset);
  if (direct !== null) return direct;
  const paragraphs = [...root.querySelectorAll<HTMLElement>("[data-p]")];
  const child = node.childNodes[offset] ?? null;
  const after = paragraphs.find((p) =>
    child
      ? p === child || child.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING || child.contains(p)
      : false,
  );
  if (edge === "start") {
    const p = after ?? paragraphs.at(-1);
    return p ? Number(p.getAttribute("data-o")) : null;
  }
  const index = after ? paragraphs.indexOf(after) - 1 : paragraphs.length - 1;
  const p = paragraphs[index];
  return p ? Number(p.getAttribute("data-o")) + (p.textContent?.length ?? 0) : null;
}
