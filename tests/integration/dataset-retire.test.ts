/**
 * Retiring a dataset snapshot: it leaves the list, its row and file stay
 * (still downloadable and verifiable by its link), and the audit log
 * records who retired it. A filter naming a story that does not exist is
 * refused before any snapshot is frozen.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import {
  createSnapshot,
  ExportFilterError,
  getSnapshot,
  listSnapshots,
  retireSnapshot,
  startExportJob,
  verifySnapshot,
} from "@/lib/export";
import { scratchDir } from "./support/export-helpers";
import { exportTestDatabase, seedUnicodeFixtures, UNICODE_STORY } from "./support/export-fixtures";

const ctx = exportTestDatabase("dataset_retire", async (db) => {
  await seedDemoNewsroom(db);
  return seedUnicodeFixtures(db);
});
const dataDir = scratchDir("parallax-retire");

describe("retiring a snapshot", () => {
  it("unlists it, keeps the file verifiable, marks and audits it", async () => {
    const alice = ctx.fixtures.users.alice;
    const snapshot = await createSnapshot(
      ctx.db,
      { name: "To retire", format: "jsonl", filter: { stories: [UNICODE_STORY] } },
      alice,
      { databaseUrl: ctx.url, dataDir },
    );
    expect((await listSnapshots(ctx.db)).map((s) => s.id)).toContain(snapshot.id);

    const retired = await retireSnapshot(ctx.db, { id: snapshot.id }, alice);
    expect(retired.retiredAt).toBeInstanceOf(Date);
    expect((await listSnapshots(ctx.db)).map((s) => s.id)).not.toContain(snapshot.id);
    expect((await getSnapshot(ctx.db, { id: snapshot.id })).retiredAt).toEqual(retired.retiredAt);
    expect(existsSync(path.join(dataDir, snapshot.filePath))).toBe(true);
    expect((await verifySnapshot(ctx.db, { id: snapshot.id }, { dataDir })).ok).toBe(true);

    const events = await ctx.db.auditEvent.findMany({ where: { action: "dataset.retired", targetId: snapshot.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: alice.id, targetType: "DatasetSnapshot" });

    // Again: nothing changes, nothing more is audited.
    await retireSnapshot(ctx.db, { id: snapshot.id }, alice);
    expect(await ctx.db.auditEvent.count({ where: { action: "dataset.retired", targetId: snapshot.id } })).toBe(1);
  });

  it("refuses to freeze a snapshot whose filter names an unknown story", async () => {
    const before = await ctx.db.job.count();
    await expect(
      startExportJob(
        ctx.db,
        { format: "jsonl", filter: { stories: ["no-such-story"] }, snapshot: { name: "Typo" } },
        ctx.fixtures.users.alice,
      ),
    ).rejects.toThrow(ExportFilterError);
    expect(await ctx.db.job.count()).toBe(before);
  });
});
