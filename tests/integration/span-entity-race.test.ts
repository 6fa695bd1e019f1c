/**
 * A span linked to an entity carries the entity's label, also when the span
 * is written while the entity is being relabelled: whichever commits first,
 * the other sees it (the relabel carries the new span along, or the span
 * write reads the entity again).
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { applySpanMutation, type Actor } from "@/lib/annotation/spans";
import { updateEntity } from "@/lib/annotation/entities";
import { testDb } from "./db";
import { createStory, offsetsOf, signedIn } from "./support/api";

const db = testDb();
const TRIES = 30;
const TEXT = "Rasmus Ekdahl of Vindhamn Shipping spoke in Tromsø; Ekdahl later left Vindhamn.";

let actor: Actor;
let article: { id: string; text: string };
let person: string;
let org: string;

beforeAll(async () => {
  await seedDemoNewsroom(db);
  const labels = new Map((await db.label.findMany()).map((l) => [l.key, l.id]));
  person = labels.get("PERSON")!;
  org = labels.get("ORG")!;
  const editor = await signedIn(db, "EDITOR");
  actor = { id: editor.id, name: editor.name, canReview: true };
  article = (await createStory(db, [{ language: "en", text: TEXT }])).articles[0]!;
});

async function newEntity() {
  return db.entity.create({ data: { name: `Ekdahl ${randomUUID()}`, labelId: person } });
}

async function expectAgreement(entityId: string) {
  const entity = await db.entity.findUniqueOrThrow({ where: { id: entityId } });
  const spans = await db.span.findMany({ where: { entityId }, select: { id: true, labelId: true } });
  return { entity: entity.labelId, disagree: spans.filter((s) => s.labelId !== entity.labelId) };
}

describe("spans and their entity agree under concurrency", () => {
  it(`a span created while its entity is relabelled takes the new label (${TRIES} tries)`, async () => {
    const wrong: string[] = [];
    for (let i = 0; i < TRIES; i++) {
      const entity = await newEntity();
      const creates = [0, 1].map(() =>
        applySpanMutation(db, actor, article.id, {
          type: "create",
          mutationId: randomUUID(),
          span: {
            id: randomUUID(),
            articleId: article.id,
            ...offsetsOf(article.text, "Ekdahl", i % 2 ? 40 : 0),
            kind: "ENTITY",
            entityId: entity.id,
          },
        }),
      );
      const [a, b] = await Promise.all([
        ...creates,
        updateEntity(db, actor, entity.id, { baseVersion: 1, labelId: org }),
      ]);
      for (const r of [a, b])
        if (!r || !("ok" in r) || !r.ok) wrong.push(`try ${i}: create failed ${JSON.stringify(r)}`);
      const { entity: label, disagree } = await expectAgreement(entity.id);
      expect(label).toBe(org);
      if (disagree.length) wrong.push(`try ${i}: ${disagree.length} span(s) kept the old label`);
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
  }, 120_000);

  it(`a span linked to an entity while it is relabelled takes the new label (${TRIES} tries)`, async () => {
    const wrong: string[] = [];
    for (let i = 0; i < TRIES; i++) {
      const entity = await newEntity();
      const created = await applySpanMutation(db, actor, article.id, {
        type: "create",
        mutationId: randomUUID(),
        span: { id: randomUUID(), articleId: article.id, ...offsetsOf(article.text, "Ekdahl"), kind: "ENTITY" },
      });
      if (!created.ok) throw new Error(JSON.stringify(created));
      const [linked] = await Promise.all([
        applySpanMutation(db, actor, article.id, {
          type: "update",
          mutationId: randomUUID(),
          spanId: created.span.id,
          baseVersion: created.span.version,
          patch: { entityId: entity.id },
        }),
        updateEntity(db, actor, entity.id, { baseVersion: 1, labelId: org }),
      ]);
      if (!linked.ok) wrong.push(`try ${i}: link failed ${JSON.stringify(linked)}`);
      const { disagree } = await expectAgreement(entity.id);
      if (disagree.length) wrong.push(`try ${i}: the linked span kept the old label`);
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
  }, 120_000);
});
