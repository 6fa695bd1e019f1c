import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { resolveLinks, type Given, type Lookups } from "./span-rules";

const ORG = "00000000-0000-4000-8000-000000000001";
const GPE = "00000000-0000-4000-8000-000000000002";
const CLAIM = "00000000-0000-4000-8000-000000000003";
const KIEL = "00000000-0000-4000-8000-00000000000a";
const C1 = "00000000-0000-4000-8000-00000000000c";

const all: Given = { labelId: true, entityId: true, claimId: true, labelChanged: true };
const found = (over: Partial<Lookups> = {}): Lookups => ({
  label: { kind: "ENTITY", archived: false, key: "ORG" },
  entity: null,
  claimExists: false,
  claimLabelId: CLAIM,
  ...over,
});
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}: ${error.message}`;
    throw error;
  }
  return "ok";
};

describe("span links (kind, label, entity, claim)", () => {
  it("lets an entity span adopt its entity's type when no label is given", () => {
    const out = resolveLinks(
      { kind: "ENTITY", labelId: null, entityId: KIEL, claimId: null },
      { ...all, labelId: false },
      found({ label: null, entity: { labelId: GPE, name: "Kiel" } }),
    );
    expect(out.labelId).toBe(GPE);
  });

  it("refuses a label of the other kind, a label that differs from the entity's, and an archived label", () => {
    expect(
      code(() =>
        resolveLinks(
          { kind: "ENTITY", labelId: CLAIM, entityId: null, claimId: null },
          all,
          found({ label: { kind: "CLAIM", archived: false, key: "CLAIM" } }),
        ),
      ),
    ).toBe("400 LABEL_KIND_MISMATCH: Label CLAIM is for CLAIM spans; this span is an ENTITY span.");
    expect(
      code(() =>
        resolveLinks(
          { kind: "ENTITY", labelId: ORG, entityId: KIEL, claimId: null },
          all,
          found({ entity: { labelId: GPE, name: "Kiel" } }),
        ),
      ),
    ).toMatch(/^400 ENTITY_LABEL_MISMATCH: The span is linked to "Kiel"/);
    expect(
      code(() =>
        resolveLinks(
          { kind: "ENTITY", labelId: ORG, entityId: null, claimId: null },
          all,
          found({ label: { kind: "ENTITY", archived: true, key: "ORG" } }),
        ),
      ),
    ).toBe("400 LABEL_ARCHIVED: Label ORG is archived; choose another label.");
  });

  it("lets a span keep an archived label while something else changes", () => {
    const out = resolveLinks(
      { kind: "ENTITY", labelId: ORG, entityId: null, claimId: null },
      { labelId: false, entityId: false, claimId: false, labelChanged: false },
      found({ label: { kind: "ENTITY", archived: true, key: "ORG" } }),
    );
    expect(out.labelId).toBe(ORG);
  });

  it("keeps entities off claim spans and claims off entity spans, and refuses unknown ones", () => {
    expect(
      code(() => resolveLinks({ kind: "ENTITY", labelId: ORG, entityId: null, claimId: C1 }, all, found())),
    ).toMatch(/CLAIM_ON_ENTITY_SPAN/);
    expect(
      code(() =>
        resolveLinks({ kind: "CLAIM", labelId: CLAIM, entityId: KIEL, claimId: null }, all, found({ label: null })),
      ),
    ).toMatch(/ENTITY_ON_CLAIM_SPAN/);
    expect(
      code(() => resolveLinks({ kind: "ENTITY", labelId: ORG, entityId: KIEL, claimId: null }, all, found())),
    ).toBe(`400 UNKNOWN_ENTITY: Entity ${KIEL} does not exist.`);
    expect(
      code(() =>
        resolveLinks({ kind: "CLAIM", labelId: null, entityId: null, claimId: C1 }, all, found({ label: null })),
      ),
    ).toBe(`400 UNKNOWN_CLAIM: Claim ${C1} does not exist.`);
  });

  it("turns an entity span into a claim span: the claim label by default, the entity dropped", () => {
    const out = resolveLinks(
      { kind: "CLAIM", labelId: ORG, entityId: KIEL, claimId: null },
      { labelId: false, entityId: false, claimId: false, labelChanged: false },
      found({ entity: { labelId: ORG, name: "Kiel" } }),
    );
    expect(out).toEqual({ kind: "CLAIM", labelId: CLAIM, entityId: null, claimId: null });
  });

  it("says so when there is no claim label to give a claim span", () => {
    expect(
      code(() =>
        resolveLinks(
          { kind: "CLAIM", labelId: null, entityId: null, claimId: null },
          all,
          found({ label: null, claimLabelId: null }),
        ),
      ),
    ).toMatch(/^400 NO_CLAIM_LABEL/);
  });
});
