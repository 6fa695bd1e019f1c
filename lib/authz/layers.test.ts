import { describe, expect, it } from "vitest";
import { inLayers, layerView } from "./layers";

describe("layerView", () => {
  it("keeps an independent annotator to their own layer, for reading and writing", () => {
    const v = layerView({ id: "u1" }, { mode: "INDEPENDENT" });
    expect(v.read).toEqual([{ layer: "ANNOTATOR", ownerId: "u1" }]);
    expect(v.write).toEqual({ layer: "ANNOTATOR", ownerId: "u1" });
    expect(inLayers(v.read, "ANNOTATOR", "u1")).toBe(true);
    expect(inLayers(v.read, "ANNOTATOR", "u2")).toBe(false);
    expect(inLayers(v.read, "SHARED", null)).toBe(false);
  });

  it("gives everyone else the shared working layer", () => {
    for (const v of [
      layerView({ id: "u1" }, null),
      layerView({ id: "u1" }, { mode: "COLLABORATIVE" }),
      layerView(null, null),
    ]) {
      expect(v.read).toEqual([{ layer: "SHARED" }]);
      expect(v.write).toEqual({ layer: "SHARED" });
      expect(inLayers(v.read, "ANNOTATOR", "u1")).toBe(false);
      expect(inLayers(v.read, "CURATED", null)).toBe(false);
    }
  });
});
