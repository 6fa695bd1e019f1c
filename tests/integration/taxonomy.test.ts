import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import {
  archiveLabel,
  createLabel,
  deleteLabel,
  listLabelsForAdmin,
  moveLabel,
  restoreLabel,
  updateLabel,
} from "@/lib/taxonomy/labels";
import {
  archiveVerdict,
  createVerdict,
  deleteVerdict,
  listVerdictsForAdmin,
  moveVerdict,
  restoreVerdict,
} from "@/lib/taxonomy/verdicts";
import { labelInput, verdictInput } from "@/lib/taxonomy/schemas";
import { testDb } from "./db";
import { createUser } from "./support/users";

const db = testDb();
let admin: { id: string; email: string };

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return "allowed";
}

const label = (over: Record<string, unknown> = {}) =>
  labelInput.parse({
    key: `T${randomUUID().slice(0, 6)}`,
    name: "Test label",
    kind: "ENTITY",
    color: "#123456",
    ...over,
  });

beforeAll(async () => {
  await seedDemoNewsroom(db);
  admin = await createUser(db, "ADMIN");
});

describe("labels", () => {
  it("keep shortcuts unique among active labels, case-insensitively", async () => {
    expect(await refusal(createLabel(db, admin, label({ shortcut: "P" })))).toBe(
      'SHORTCUT_TAKEN: The shortcut "p" is already used by Person (PERSON).',
    );
    expect(await refusal(createLabel(db, admin, label({ key: "ORG" })))).toBe(
      "KEY_TAKEN: A label with key ORG already exists.",
    );
    const product = await createLabel(db, admin, label({ name: "Product", shortcut: "x" }));
    expect(product).toMatchObject({ shortcut: "x", archived: false });
    // Archived, its shortcut is free again; it cannot come back while another label holds it.
    await archiveLabel(db, admin, product.id);
    const gadget = await createLabel(db, admin, label({ name: "Gadget", shortcut: "x" }));
    expect(await refusal(restoreLabel(db, admin, product.id))).toBe(
      'SHORTCUT_TAKEN: Its shortcut "x" is now used by Gadget (' + gadget.key + "); change one of them first.",
    );
    // Two administrators claiming one shortcut at the same moment: one wins.
    const race = await Promise.all(
      ["Alpha", "Beta"].map((name) => refusal(createLabel(db, admin, label({ name, shortcut: "y" })))),
    );
    expect(race.filter((r) => r === "allowed")).toHaveLength(1);
    expect(race.find((r) => r !== "allowed")).toMatch(
      /^SHORTCUT_TAKEN: The shortcut "y" is already used by (Alpha|Beta)/,
    );
  });

  it("are archived, not deleted, once used; unused ones can be deleted", async () => {
    // A label of this test's own, used by an entity (the defaults stay as other files expect them).
    const used = await createLabel(db, admin, label({ key: `USED_${randomUUID().slice(0, 4).toUpperCase()}` }));
    await db.entity.create({ data: { name: "Somewhere", labelId: used.id } });
    const message = await refusal(deleteLabel(db, admin, used.id));
    expect(message).toBe(`LABEL_IN_USE: ${used.key} is used by 1 entity; archive it instead of deleting it.`);
    expect(await refusal(updateLabel(db, admin, used.id, { ...label(), name: "Renamed" }))).toMatch(
      new RegExp(`^LABEL_IN_USE: The key of ${used.key} cannot change`),
    );
    expect(await refusal(updateLabel(db, admin, used.id, { ...label({ kind: "CLAIM" }), key: used.key }))).toBe(
      `LABEL_IN_USE: ${used.key} is used by 1 entity; its kind cannot change.`,
    );
    await archiveLabel(db, admin, used.id);
    expect((await db.label.findUniqueOrThrow({ where: { id: used.id } })).archived).toBe(true);
    await restoreLabel(db, admin, used.id);
    expect((await db.label.findUniqueOrThrow({ where: { id: used.id } })).archived).toBe(false);
    const org = await db.label.findUniqueOrThrow({ where: { key: "ORG" } });
    expect(await refusal(deleteLabel(db, admin, org.id))).toMatch(
      /^LABEL_IN_USE: ORG is used by \d+ spans and \d+ entities/,
    );

    const unused = await createLabel(db, admin, label({ name: "Unused" }));
    await deleteLabel(db, admin, unused.id);
    expect(await db.label.findUnique({ where: { id: unused.id } })).toBeNull();
    const audit = await db.auditEvent.findMany({ where: { targetId: unused.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["taxonomy.label_created", "taxonomy.label_deleted"]);
    expect(audit[0]!.actorId).toBe(admin.id);
  });

  it("keep one active claim label", async () => {
    const claim = await db.label.findUniqueOrThrow({ where: { key: "CLAIM" } });
    expect(await refusal(archiveLabel(db, admin, claim.id))).toBe(
      "LAST_ACTIVE_LABEL: CLAIM is the only active claim label; add another before removing it.",
    );
  });

  it("move up and down in picker order", async () => {
    const order = async () => (await listLabelsForAdmin(db)).filter((l) => !l.archived).map((l) => l.key);
    const before = await order();
    const gpe = await db.label.findUniqueOrThrow({ where: { key: "GPE" } });
    await moveLabel(db, admin, gpe.id, "up");
    const after = await order();
    const i = before.indexOf("GPE");
    expect(after.indexOf("GPE")).toBe(i - 1);
    expect(after[i]).toBe(before[i - 1]);
    await moveLabel(db, admin, gpe.id, "down");
    expect(await order()).toEqual(before);
    // The first stays first.
    const first = await db.label.findUniqueOrThrow({ where: { key: before[0]! } });
    await moveLabel(db, admin, first.id, "up");
    expect(await order()).toEqual(before);
  });
});

describe("verdicts", () => {
  it("are created at the end of the scale, moved, and archived rather than deleted when a claim has them", async () => {
    const satire = await createVerdict(
      db,
      admin,
      verdictInput.parse({
        key: "satire",
        name: "Satire",
        value: "3",
        color: "#7c3aed",
        description: "Not meant literally.",
      }),
    );
    const keys = async () => (await listVerdictsForAdmin(db)).filter((v) => !v.archived).map((v) => v.key);
    expect((await keys()).at(-1)).toBe("SATIRE");
    await moveVerdict(db, admin, satire.id, "up");
    expect((await keys()).at(-2)).toBe("SATIRE");

    const mixed = await db.verdictRating.findUniqueOrThrow({ where: { key: "MIXED" } });
    expect(await refusal(deleteVerdict(db, admin, mixed.id))).toBe(
      "VERDICT_IN_USE: MIXED is used by 1 claim; archive it instead of deleting it.",
    );
    await archiveVerdict(db, admin, mixed.id);
    expect(await keys()).not.toContain("MIXED");
    await restoreVerdict(db, admin, mixed.id);
    await deleteVerdict(db, admin, satire.id);
    expect(await keys()).not.toContain("SATIRE");
  });
});
