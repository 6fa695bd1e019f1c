import { describe, expect, it } from "vitest";
import { conflictDifferences, describeSpan } from "./conflict-diff";
import type { LabelDTO, SpanDTO } from "./types";

const org: LabelDTO = {
  id: "org",
  key: "ORG",
  name: "Organisation",
  kind: "ENTITY",
  color: "#000",
  shortcut: "o",
  order: 0,
  archived: false,
};
const person: LabelDTO = { ...org, id: "per", key: "PERSON", name: "Person" };
const span = (patch: Partial<SpanDTO> = {}): SpanDTO => ({
  id: "s",
  articleId: "a",
  revision: 1,
  start: 0,
  end: 15,
  quote: "Financial Times",
  prefix: "",
  suffix: "",
  kind: "ENTITY",
  labelId: "org",
  entityId: "ft",
  claimId: null,
  source: "MANUAL",
  reviewStatus: "PENDING",
  orphaned: false,
  version: 2,
  createdBy: null,
  updatedBy: null,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  ...patch,
});
const names = { entities: { ft: "Financial Times Ltd" }, claims: {} };

describe("conflictDifferences", () => {
  it("names the one field that differs when both sides read alike", () => {
    const now = span({ reviewStatus: "APPROVED" });
    const yours = span({ reviewStatus: "REJECTED" });
    expect(describeSpan(now, [org], names)).toBe(describeSpan(yours, [org], names));
    expect(describeSpan(now, [org], names)).toBe("Organisation “Financial Times”, linked to “Financial Times Ltd”");
    expect(conflictDifferences(now, yours, [org], names)).toEqual([
      { field: "review", name: "Review", now: "approved", yours: "rejected" },
    ]);
  });

  it("lists label, text and entity changes by name, and a deletion on one side", () => {
    const now = span();
    const yours = span({ labelId: "per", start: 0, end: 9, quote: "Financial", entityId: null });
    expect(conflictDifferences(now, yours, [org, person], names)).toEqual([
      { field: "label", name: "Label", now: "Organisation", yours: "Person" },
      { field: "text", name: "Text", now: "“Financial Times”", yours: "“Financial”" },
      { field: "entity", name: "Entity", now: "“Financial Times Ltd”", yours: "none" },
    ]);
    expect(conflictDifferences(span({ deletedAt: "2026-01-02T00:00:00Z" }), yours, [org], names)).toEqual([
      { field: "span", name: "Span", now: "deleted", yours: "kept" },
    ]);
    expect(conflictDifferences(span(), span({ entityId: "other" }), [org], names)[0]).toMatchObject({
      yours: "an entity not in this story",
    });
  });
});
