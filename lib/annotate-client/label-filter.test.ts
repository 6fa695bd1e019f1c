import { describe, expect, it } from "vitest";
import { DEFAULT_LABELS } from "../taxonomy/defaults";
import { filterLabels, shortcutPick } from "./label-filter";
import type { LabelDTO } from "./types";

const labels: LabelDTO[] = DEFAULT_LABELS.map((l, order) => ({ ...l, id: l.key, order, archived: false }));

/** What typing `text` into the picker does: the label tagged at once, or the filter left and its first label. */
function type(text: string): { picked: string } | { filter: string; first: string | undefined } {
  let filter = "";
  for (const key of text) {
    const picked = shortcutPick(labels, filter, key);
    if (picked) return { picked: picked.key };
    filter += key;
  }
  return { filter, first: filterLabels(labels, filter)[0]?.key };
}

describe("the label picker's typing", () => {
  it("typing a whole label name filters to it and never fires a shortcut", () => {
    expect(type("country")).toEqual({ filter: "country", first: "GPE" });
    for (const l of labels) {
      expect(type(l.name.toLowerCase())).toMatchObject({ first: l.key });
      expect(type(l.key.toLowerCase())).toMatchObject({ first: l.key });
    }
  });

  it("a shortcut's label comes first for its one-letter filter, so key then Enter tags it", () => {
    expect(type("c")).toEqual({ filter: "c", first: "CLAIM" });
    expect(type("l")).toEqual({ filter: "l", first: "LOC" });
    expect(filterLabels(labels, "l").map((l) => l.key)).toEqual(["LOC", "LAW", "MISC", "CLAIM"]);
  });

  it("a shortcut tags at once only when it cannot start a filter", () => {
    expect(type("w")).toEqual({ picked: "LAW" }); // no label's name or key starts with w
    expect(shortcutPick(labels, "", "c")).toBeNull();
    expect(shortcutPick(labels, "x", "w")).toBeNull(); // typing has started: letters filter
    expect(shortcutPick(labels, "", " ")).toBeNull();
  });

  it("filters by name, word start or key, prefixes first", () => {
    expect(filterLabels(labels, "city").map((l) => l.key)).toEqual(["GPE"]);
    expect(filterLabels(labels, "or").map((l) => l.key)).toEqual(["ORG"]);
    expect(filterLabels(labels, "").length).toBe(labels.length);
    expect(filterLabels(labels, "zzz")).toEqual([]);
  });
});
