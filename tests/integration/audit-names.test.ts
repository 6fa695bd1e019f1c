/**
 * The audit log names its targets (a user by name and e-mail, a label, a
 * dataset, an import or export job) instead of showing ids, and records exports: a background
 * export or snapshot when it is started.
 */
import { describe, expect, it } from "vitest";
import { audit } from "@/lib/audit/log";
import { auditTargetNames } from "@/lib/audit/query";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { startExportJob } from "@/lib/export";
import { exportTestDatabase, seedUnicodeFixtures, UNICODE_STORY } from "./support/export-fixtures";

const ctx = exportTestDatabase("audit_names", async (db) => {
  await seedDemoNewsroom(db);
  return seedUnicodeFixtures(db);
});

describe("the audit log", () => {
  it("names a user, a label and an unknown target's absence", async () => {
    const alice = ctx.fixtures.users.alice;
    const label = await ctx.db.label.findFirstOrThrow({ where: { key: "PERSON" } });
    const events = [
      { targetType: "user", targetId: alice.id },
      { targetType: "Label", targetId: label.id },
      { targetType: "user", targetId: "00000000-0000-4000-8000-000000000000" },
      { targetType: null, targetId: null },
    ];
    const names = await auditTargetNames(ctx.db, events);
    expect(names.get(`user:${alice.id}`)).toBe(`Alice Annotator <${alice.email}>`);
    expect(names.get(`Label:${label.id}`)).toBe(`${label.name} (PERSON)`);
    expect(names.has("user:00000000-0000-4000-8000-000000000000")).toBe(false);
    // The audit writer itself is unchanged: an event for a target is found by its id.
    await audit(ctx.db, { action: "test.named", actor: alice, target: { type: "user", id: alice.id } });
    expect(await ctx.db.auditEvent.count({ where: { action: "test.named", targetId: alice.id } })).toBe(1);
  });

  it("records a background export and a snapshot when they start, with format and filter", async () => {
    const alice = ctx.fixtures.users.alice;
    const job = await startExportJob(ctx.db, { format: "csv", filter: { stories: [UNICODE_STORY] } }, alice);
    const started = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "export.started", targetId: job.id } });
    expect(started).toMatchObject({ actorId: alice.id, targetType: "Job" });
    expect(started.detail).toMatchObject({ format: "csv", filter: { stories: [UNICODE_STORY] } });

    const snap = await startExportJob(
      ctx.db,
      { format: "jsonl", filter: { stories: [UNICODE_STORY] }, snapshot: { name: "Audited snapshot" } },
      alice,
    );
    const snapEvent = await ctx.db.auditEvent.findFirstOrThrow({
      where: { action: "export.snapshot_started", targetId: snap.id },
    });
    expect(snapEvent.detail).toMatchObject({ format: "jsonl", snapshot: "Audited snapshot" });

    // The log names both jobs by what they make, not by id.
    const names = await auditTargetNames(ctx.db, [started, snapEvent]);
    expect(names.get(`Job:${job.id}`)).toBe("Export (CSV)");
    expect(names.get(`Job:${snap.id}`)).toBe("Dataset snapshot “Audited snapshot” (JSONL)");
  });

  it("names an import job by its file and story", async () => {
    const job = await ctx.db.job.create({
      data: {
        kind: "IMPORT",
        params: {
          format: "jsonl",
          file: "imports/x.jsonl",
          fileName: "wire.jsonl",
          storyTitle: "Harbour",
          dryRun: true,
        },
      },
    });
    const names = await auditTargetNames(ctx.db, [{ targetType: "Job", targetId: job.id }]);
    expect(names.get(`Job:${job.id}`)).toBe("Import of “wire.jsonl” into “Harbour” (dry run)");
  });
});
