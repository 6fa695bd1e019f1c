import { describe, expect, it } from "vitest";
import { filterLabels } from "@/lib/annotate-client/label-filter";
import type { AnnotationSnapshot } from "@/lib/annotate-client";
import { saveStatusText } from "./SaveStatus";
import { describeChange } from "./SpanInspector";
import type { LabelDTO, SpanHistoryEntry } from "@/lib/annotate-client/types";

const label = (key: string, name: string, shortcut: string | null = null): LabelDTO => ({
  id: key,
  key,
  name,
  kind: key === "CLAIM" ? "CLAIM" : "ENTITY",
  color: "#000",
  shortcut,
  order: 0,
  archived: false,
});

describe("panels", () => {
  it("filters labels by name or key, prefix matches first", () => {
    const labels = [label("GPE", "Geopolitical entity"), label("ORG", "Organization"), label("LOC", "Location")];
    expect(filterLabels(labels, "or").map((l) => l.key)).toEqual(["ORG"]);
    expect(filterLabels(labels, "o").map((l) => l.key)).toEqual(["ORG", "GPE", "LOC"]);
    expect(filterLabels(labels, "").length).toBe(3);
  });

  it("says whether changes are saved, saving or queued offline", () => {
    expect(saveStatusText({ pending: 0, offline: false, retrying: false, saving: false })).toBe("All changes saved");
    expect(saveStatusText({ pending: 2, offline: false, retrying: false, saving: true })).toBe("Saving…");
    expect(saveStatusText({ pending: 1, offline: true, retrying: false, saving: false })).toBe(
      "Offline — 1 change queued",
    );
    expect(saveStatusText({ pending: 3, offline: false, retrying: true, saving: false })).toMatch(
      /retrying, 3 changes/,
    );
  });

  it("never says all is saved while a conflict or a refused change waits", () => {
    const idle = { pending: 0, offline: false, retrying: false, saving: false };
    const conflict = { spanId: "s", articleId: "a", message: "" } as AnnotationSnapshot["conflicts"][number];
    const error = { id: "e", articleId: "a", spanId: "s", code: "x", message: "type differs" };
    expect(saveStatusText({ ...idle, conflicts: [conflict], errors: [] })).toBe("Not saved: 1 conflict to resolve");
    expect(saveStatusText({ ...idle, conflicts: [], errors: [error, { ...error, id: "f" }] })).toBe(
      "Not saved: 2 changes refused",
    );
    expect(saveStatusText({ ...idle, pending: 1, conflicts: [conflict], errors: [error] })).toBe(
      "Saving… · not saved: 1 conflict to resolve, 1 change refused",
    );
    expect(saveStatusText({ ...idle, conflicts: [], errors: [] })).toBe("All changes saved");
  });

  it("describes a history entry in words", () => {
    const snap = {
      revision: 1,
      start: 0,
      end: 3,
      quote: "abc",
      kind: "ENTITY" as const,
      labelId: "ORG",
      entityId: null,
      claimId: null,
      reviewStatus: "PENDING" as const,
      deleted: false,
    };
    const entry: SpanHistoryEntry = {
      version: 2,
      action: "UPDATE",
      actor: { id: "u", name: "Ed" },
      at: "2026-01-01T00:00:00Z",
      before: snap,
      after: { ...snap, labelId: "GPE", entityId: "e1" },
      changed: ["labelId", "entityId"],
    };
    expect(describeChange(entry, (id) => id ?? "none")).toBe("changed label ORG → GPE, entity linked");
  });
});
