import { describe, expect, it } from "vitest";
import { OffsetIndex, sliceCodePoints } from "../text/code-points";
import { findQuote, quoteAt } from "../text/quote";
import { anchorSpans, type AnchorSpan } from "./anchor";

function spanOf(text: string, quote: string, occurrence = 0, id = quote): AnchorSpan {
  const s = findQuote(new OffsetIndex(text), quote, occurrence);
  if (!s) throw new Error(`no ${quote}`);
  return { id, ...s };
}

describe("anchorSpans", () => {
  const old = "Talks in Geneva began in July. Officials from Geneva and Beijing met again in October. 🌙 Geneva.";

  it("keeps spans before the edit and shifts spans after it", () => {
    const long = `Talks opened the week. ${"Filler sentence here. ".repeat(3)}${old} ${"More filler text. ".repeat(3)}The end.`;
    const edited = long.replace("began in July", "began quietly in July 2023");
    const spans = [spanOf(long, "Talks"), spanOf(long, "Geneva"), spanOf(long, "Beijing"), spanOf(long, "The end")];
    const placed = anchorSpans(long, edited, spans);
    for (const span of spans) {
      const p = placed.get(span.id)!;
      expect(sliceCodePoints(edited, p.start!, p.end!)).toBe(span.quote);
    }
    // Far from the edit: found by context. Next to it (its context changed): by position.
    expect(placed.get("Talks")).toMatchObject({ method: "context", start: 0, end: 5 });
    expect(placed.get("The end")).toMatchObject({ method: "context" });
    expect(placed.get("Geneva")).toMatchObject({ method: "nearest", start: spans[1]!.start });
    expect(placed.get("Beijing")!.start).toBe(spans[2]!.start + [..." quietly 2023"].length);
  });

  it("tells repeated quotes apart by their context", () => {
    const second = spanOf(old, "Geneva", 1, "second");
    const third = spanOf(old, "Geneva", 2, "third");
    // The middle sentence moves to the front.
    const edited = "Officials from Geneva and Beijing met again in October. Talks in Geneva began in July. 🌙 Geneva.";
    const placed = anchorSpans(old, edited, [second, third]);
    // Its prefix reached into the sentence before, which moved: found by the context that stayed.
    expect(placed.get("second")).toMatchObject({ method: "nearest", start: 15 });
    // In the unchanged tail of the text: found at exactly its shifted place.
    const t = placed.get("third")!;
    expect(t.method).toBe("nearest");
    expect(t.start).toBe([...edited].length - [..."Geneva."].length);
    expect([...edited].slice(t.start! - 2, t.start!).join("")).toBe("🌙 ");
  });

  it("falls back to the nearest occurrence when the context changed", () => {
    const span = spanOf(old, "Beijing");
    const edited = old.replace("Officials from Geneva and Beijing met", "Delegates of Beijing gathered");
    const p = anchorSpans(old, edited, [span]).get("Beijing")!;
    expect(p.method).toBe("nearest");
    expect(sliceCodePoints(edited, p.start!, p.end!)).toBe("Beijing");
  });

  it("orphans a span whose quote is gone", () => {
    const span = spanOf(old, "Beijing");
    const p = anchorSpans(old, old.replace("Beijing", "Washington"), [span]).get("Beijing")!;
    expect(p).toEqual({ method: "orphaned", start: null, end: null });
  });

  it("never places a span inside a character (grapheme cluster)", () => {
    const text = "The family 👨‍👩‍👧 arrived. 👨 alone.";
    const index = new OffsetIndex(text);
    const at = [...text].lastIndexOf("👨");
    const span = { id: "man", ...quoteAt(index, at, at + 1) };
    const edited = "A family 👨‍👩‍👧 arrived.";
    expect(anchorSpans(text, edited, [span]).get("man")!.method).toBe("orphaned");
  });

  it("handles astral characters and CJK before the span", () => {
    const text = "𠀋𪚥 中美人工智能对话在日内瓦举行。";
    const span = spanOf(text, "日内瓦");
    const edited = "𠀋𪚥 首次中美人工智能政府间对话在日内瓦举行。";
    const p = anchorSpans(text, edited, [span]).get("日内瓦")!;
    expect(p.method).toBe("nearest");
    expect(sliceCodePoints(edited, p.start!, p.end!)).toBe("日内瓦");
  });
});
