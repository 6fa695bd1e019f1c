import { describe, expect, it } from "vitest";
import { applyOp, diffPatch, newId, transition } from "./ops";
import type { SpanDTO } from "./types";

const user = { id: "u1", name: "Ed" };
const base: SpanDTO = {
  id: "s1",
  articleId: "a1",
  revision: 1,
  start: 0,
  end: 5,
  quote: "Hello",
  prefix: "",
  suffix: "",
  kind: "ENTITY",
  labelId: "org",
  entityId: "e1",
  claimId: null,
  reviewStatus: "PENDING",
  orphaned: false,
  source: "MANUAL",
  version: 3,
  createdBy: user,
  updatedBy: user,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("applyOp", () => {
  it("changing the kind drops the label and the link that no longer fits", () => {
    const next = applyOp(base, { type: "update", spanId: "s1", patch: { kind: "CLAIM", claimId: "c1" } }, user, "t")!;
    expect(next).toMatchObject({ kind: "CLAIM", labelId: null, entityId: null, claimId: "c1", version: 3 });
  });
  it("delete marks, restore unmarks", () => {
    const deleted = applyOp(base, { type: "delete", spanId: "s1" }, user, "t")!;
    expect(deleted.deletedAt).toBe("t");
    expect(applyOp(deleted, { type: "restore", spanId: "s1" }, user, "t")!.deletedAt).toBeUndefined();
  });
  it("an update of an unknown span shows nothing", () => {
    expect(applyOp(undefined, { type: "update", spanId: "x", patch: { labelId: null } }, user, "t")).toBeUndefined();
  });
});

describe("transition (undo, redo, keep mine)", () => {
  it("back to nothing is a delete; from deleted to alive is a restore and the differences", () => {
    expect(transition("s1", base, undefined)).toEqual([{ type: "delete", spanId: "s1" }]);
    const deleted = { ...base, deletedAt: "t" };
    expect(transition("s1", deleted, { ...base, labelId: "per" })).toEqual([
      { type: "restore", spanId: "s1" },
      { type: "update", spanId: "s1", patch: { labelId: "per" } },
    ]);
    expect(transition("s1", deleted, undefined)).toEqual([]);
  });
  it("moving a span carries its quote", () => {
    expect(diffPatch(base, { ...base, start: 1, quote: "ello" })).toEqual({ start: 1, quote: "ello" });
    expect(diffPatch(base, { ...base, end: 4, quote: "Hell" })).toEqual({ end: 4, quote: "Hell" });
  });
  it("a span the server never saw is created again", () => {
    expect(transition("s1", undefined, base)[0]).toMatchObject({ type: "create", span: { id: "s1", start: 0 } });
  });
});

describe("newId", () => {
  it("is a v4 UUID, also where randomUUID is missing (plain http)", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newId()).toMatch(uuid);
    const original = globalThis.crypto.randomUUID;
    try {
      Object.defineProperty(globalThis.crypto, "randomUUID", { value: undefined, configurable: true });
      expect(newId()).toMatch(uuid);
    } finally {
      Object.defineProperty(globalThis.crypto, "randomUUID", { value: original, configurable: true });
    }
  });
});
