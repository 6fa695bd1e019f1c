/** Searching entities by a Wikidata QID finds the entity carrying it, whatever its type or case typed. */
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as entitiesRoute from "@/app/api/entities/route";
import type { EntityDTO } from "@/lib/annotation/dto";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { testDb } from "./db";
import { call, signedIn, type Caller } from "./support/api";

const db = testDb();
let editor: Caller;

beforeAll(async () => {
  await seedDemoNewsroom(db);
  editor = await signedIn(db, "EDITOR");
});

describe("entity search by QID", () => {
  it("finds the entity with that QID first, even under another type's filter", async () => {
    const qid = `Q${randomInt(900_000_000, 999_999_999)}`;
    const org = await db.label.findFirstOrThrow({ where: { key: "ORG" } });
    const created = await call<{ entity: EntityDTO }>(entitiesRoute.POST, {
      as: editor,
      body: { name: "Orrinby Ferry Company", labelId: org.id, wikidataQid: qid },
    });
    expect(created.status).toBe(201);
    for (const q of [qid, qid.toLowerCase(), ` ${qid} `]) {
      const { body } = await call<{ entities: EntityDTO[] }>(entitiesRoute.GET, { as: editor, search: { q } });
      expect(body.entities.map((e) => e.wikidataQid)).toEqual([qid]);
    }
    const typed = await call<{ entities: EntityDTO[] }>(entitiesRoute.GET, {
      as: editor,
      search: { q: qid, label: "PERSON" },
    });
    expect(typed.body.entities.map((e) => e.name)).toEqual(["Orrinby Ferry Company"]);
  });
});
