/**
 * Entity and claim edits are optimistic, like span edits: each names the
 * version it was made against, and of two editors who edited the same
 * version, the second gets 409 VERSION_CONFLICT with the current state —
 * never a silent overwrite.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as entityRoute from "@/app/api/entities/[id]/route";
import * as claimRoute from "@/app/api/claims/[id]/route";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import type { ClaimDTO, EntityDTO } from "@/lib/annotation/dto";
import { testDb } from "./db";
import { call, signedIn, type Caller } from "./support/api";

const db = testDb();
let alice: Caller;
let bob: Caller;
let labels: Map<string, string>;

beforeAll(async () => {
  await seedDemoNewsroom(db);
  labels = new Map((await db.label.findMany()).map((l) => [l.key, l.id]));
  alice = await signedIn(db, "EDITOR");
  bob = await signedIn(db, "EDITOR");
});

type Answer<T> = { entity?: T; claim?: T; error?: { code: string; message: string; details?: { current?: T } } };

const patchEntity = (as: Caller, id: string, body: unknown) =>
  call<Answer<EntityDTO>>(entityRoute.PATCH, { as, method: "PATCH", params: { id }, body });
const patchClaim = (as: Caller, id: string, body: unknown) =>
  call<Answer<ClaimDTO>>(claimRoute.PATCH, { as, method: "PATCH", params: { id }, body });

describe("entity edits", () => {
  it("two editors edit the same version: one is saved, the other gets 409 with the entity as it is now", async () => {
    const entity = await db.entity.create({ data: { name: "Vindhamn Shipping", labelId: labels.get("ORG")! } });
    const loaded = (await call<Answer<EntityDTO>>(entityRoute.GET, { as: alice, params: { id: entity.id } })).body
      .entity!;
    expect(loaded.version).toBe(1);

    const first = await patchEntity(alice, entity.id, { baseVersion: 1, description: "A shipping line" });
    expect(first).toMatchObject({ status: 200, body: { entity: { version: 2, description: "A shipping line" } } });
    const second = await patchEntity(bob, entity.id, { baseVersion: 1, name: "Vindhamn Lines" });
    expect(second).toMatchObject({
      status: 409,
      body: {
        error: {
          code: "VERSION_CONFLICT",
          details: {
            current: { id: entity.id, version: 2, name: "Vindhamn Shipping", description: "A shipping line" },
          },
        },
      },
    });
    const stored = await db.entity.findUniqueOrThrow({ where: { id: entity.id } });
    expect(stored).toMatchObject({ name: "Vindhamn Shipping", description: "A shipping line", version: 2 });

    // Made again on the version it now knows, Bob's edit goes through.
    const again = await patchEntity(bob, entity.id, { baseVersion: 2, name: "Vindhamn Lines" });
    expect(again).toMatchObject({ status: 200, body: { entity: { version: 3, name: "Vindhamn Lines" } } });
  });

  it("edits fired at the same time on one version: exactly one is saved, the rest conflict", async () => {
    const entity = await db.entity.create({ data: { name: "Tromsø Harbour", labelId: labels.get("ORG")! } });
    const answers = await Promise.all(
      ["LOC", "GPE", "FAC", "ORG", "LOC", "GPE"].map((key, i) =>
        patchEntity(i % 2 ? alice : bob, entity.id, {
          baseVersion: 1,
          description: `edit ${i}`,
          ...(labels.has(key) ? { labelId: labels.get(key) } : {}),
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(answers.length - 1);
    const winner = answers.find((a) => a.status === 200)!.body.entity!;
    expect((await db.entity.findUniqueOrThrow({ where: { id: entity.id } })).description).toBe(winner.description);
  });

  it("an edit without baseVersion is refused", async () => {
    const entity = await db.entity.create({ data: { name: "Ekdahl AB", labelId: labels.get("ORG")! } });
    const res = await patchEntity(alice, entity.id, { name: "Ekdahl Group" });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "INVALID_INPUT" } } });
  });
});

describe("claim edits", () => {
  it("two editors edit the same version: one is saved, the other gets 409 with the claim as it is now", async () => {
    const claim = await db.claim.create({ data: { statement: "The ferry runs every hour." } });
    const first = await patchClaim(alice, claim.id, { baseVersion: 1, note: "Checked the timetable." });
    expect(first).toMatchObject({ status: 200, body: { claim: { version: 2, note: "Checked the timetable." } } });
    const second = await patchClaim(bob, claim.id, { baseVersion: 1, note: "Not checked yet." });
    expect(second).toMatchObject({
      status: 409,
      body: {
        error: {
          code: "VERSION_CONFLICT",
          details: { current: { id: claim.id, version: 2, note: "Checked the timetable." } },
        },
      },
    });
    expect((await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).note).toBe("Checked the timetable.");

    const answers = await Promise.all(
      [0, 1, 2, 3].map((i) => patchClaim(i % 2 ? alice : bob, claim.id, { baseVersion: 2, note: `note ${i}` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    const stored = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(stored.version).toBe(3);
    expect(stored.note).toBe(answers.find((a) => a.status === 200)!.body.claim!.note);
  });
});
