import { describe, expect, it } from "vitest";
import { quickPaintCss } from "./quick-paint";

describe("quickPaintCss", () => {
  it("styles one highlight per label colour, as a drawn segment looks, and lifts the pending tint", () => {
    const css = quickPaintCss(["#2563EB", "#16a34a", "#2563EB", "red; } body { x"]);
    expect(css.split("\n")).toEqual([
      "::highlight(px-quick-2563eb){background-color:#2563EB26;text-decoration:underline 2px #2563EB;text-underline-offset:3px}",
      "::highlight(px-quick-16a34a){background-color:#16a34a26;text-decoration:underline 2px #16a34a;text-underline-offset:3px}",
      "[data-quick] [data-pending]{background-color:transparent!important}",
    ]);
  });
});
