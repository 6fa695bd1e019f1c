/**
 * Dataset snapshots (frozen, named, verified on the way out) and export jobs
 * (progress a page can poll, a worker that dies replaced by another try).
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { text as streamText, buffer as streamBuffer } from "node:stream/consumers";
import { PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import {
  createSnapshot,
  getExportJob,
  IntegrityError,
  listSnapshots,
  openExportJobFile,
  openSnapshot,
  runExportJob,
  SnapshotNameTakenError,
  startExportJob,
  verifySnapshot,
} from "@/lib/export";
import { INTERRUPTED } from "@/lib/export/jobs";
import { jobQueue, QUEUE_NAMES, stopJobQueues } from "@/lib/jobs/queue";
import { runCleanup, startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { exportBytes, scratchDir } from "./support/export-helpers";
import { seedUnicodeFixtures, UNICODE_STORY, exportTestDatabase } from "./support/export-fixtures";

const ctx = exportTestDatabase("export_datasets", async (db) => {
  await seedDemoNewsroom(db);
  return seedUnicodeFixtures(db);
});
const dataDir = scratchDir("parallax-datasets");
// Stalled jobs (no heartbeat) are looked for every second in this file.
process.env.PARALLAX_QUEUE_SUPERVISE_SECONDS = "1";
/** The job queue in this file's own database. */
const queue = {
  get databaseUrl() {
    return ctx.url;
  },
};
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const alice = () => ctx.fixtures.users.alice;

describe("snapshots", () => {
  it("freeze an export that downloads again byte for byte, with its SHA-256", async () => {
    const filter = { stories: [UNICODE_STORY], languages: ["en", "he"] };
    const snapshot = await createSnapshot(
      ctx.db,
      { name: "Unicode fixtures v1", description: "For the tests", format: "jsonl", filter },
      alice(),
      { databaseUrl: ctx.url, dataDir },
    );
    const fresh = await exportBytes(ctx.db, ctx.url, "jsonl", filter);
    expect(snapshot).toMatchObject({
      name: "Unicode fixtures v1",
      format: "jsonl",
      filter: { stories: [UNICODE_STORY], languages: ["en", "he"] },
      sha256: fresh.result.sha256,
      byteSize: fresh.bytes.length,
      counts: fresh.result.counts,
      fileName: "unicode-fixtures-v1.jsonl",
      createdBy: { id: alice().id, email: alice().email },
    });
    expect(snapshot.citation).toContain(snapshot.sha256);

    const opened = await openSnapshot(ctx.db, { name: "Unicode fixtures v1" }, { dataDir });
    const downloaded = await streamBuffer(opened.stream());
    expect(downloaded.equals(fresh.bytes)).toBe(true);
    expect(sha256(downloaded)).toBe(snapshot.sha256);
    expect(statSync(opened.path).mode & 0o222).toBe(0); // read-only
    expect(await verifySnapshot(ctx.db, { id: snapshot.id }, { dataDir })).toMatchObject({ ok: true });
    expect((await listSnapshots(ctx.db)).map((s) => s.name)).toContain("Unicode fixtures v1");
    const audit = await ctx.db.auditEvent.findFirst({
      where: { action: "dataset.snapshot.create", targetId: snapshot.id },
    });
    expect(audit?.actorId).toBe(alice().id);

    // Later edits do not touch the snapshot.
    await ctx.db.span.updateMany({
      where: { articleId: ctx.fixtures.articles.he!.id },
      data: { reviewStatus: "REJECTED" },
    });
    const again = await streamBuffer((await openSnapshot(ctx.db, { id: snapshot.id }, { dataDir })).stream());
    expect(again.equals(downloaded)).toBe(true);
    expect((await exportBytes(ctx.db, ctx.url, "jsonl", filter)).result.sha256).not.toBe(snapshot.sha256);
  });

  it("refuse a name in use and never replace a snapshot", async () => {
    const first = await createSnapshot(ctx.db, { name: "Claims 2026", format: "claimreview" }, null, {
      databaseUrl: ctx.url,
      dataDir,
    });
    const before = readFileSync(path.join(dataDir, first.filePath));
    const files = readdirSync(path.join(dataDir, "snapshots")).length;
    await expect(
      createSnapshot(ctx.db, { name: "Claims 2026", format: "csv" }, null, { databaseUrl: ctx.url, dataDir }),
    ).rejects.toThrow(SnapshotNameTakenError);
    expect(readdirSync(path.join(dataDir, "snapshots"))).toHaveLength(files);
    expect(readFileSync(path.join(dataDir, first.filePath)).equals(before)).toBe(true);
    expect((await openSnapshot(ctx.db, { name: "Claims 2026" }, { dataDir })).snapshot.format).toBe("claimreview");
    await expect(
      createSnapshot(ctx.db, { name: "  ", format: "csv" }, null, { databaseUrl: ctx.url, dataDir }),
    ).rejects.toThrow(/needs a name/);
  });

  it("refuse to hand out a file that no longer matches its hash", async () => {
    const snapshot = await createSnapshot(
      ctx.db,
      { name: "To be tampered", format: "csv", filter: { languages: ["he"] } },
      null,
      {
        databaseUrl: ctx.url,
        dataDir,
      },
    );
    const file = path.join(dataDir, snapshot.filePath);
    chmodSync(file, 0o644);
    writeFileSync(file, readFileSync(file, "utf8").replace("ירושלים", "ירושלימ"));
    expect(await verifySnapshot(ctx.db, { id: snapshot.id }, { dataDir })).toMatchObject({
      ok: false,
      expected: snapshot.sha256,
    });
    await expect(streamText((await openSnapshot(ctx.db, { id: snapshot.id }, { dataDir })).stream())).rejects.toThrow(
      IntegrityError,
    );
  });
});

/** The database, with every Job row update recorded (the writes still happen). */
function recordingJobUpdates(db: Db, updates: Record<string, unknown>[]): Db {
  const job = new Proxy(db.job, {
    get(target, prop, receiver) {
      if (prop !== "update" && prop !== "updateMany") return Reflect.get(target, prop, receiver);
      return (args: { data: Record<string, unknown> }) => {
        updates.push(args.data);
        return prop === "update"
          ? target.update(args as Parameters<typeof target.update>[0])
          : target.updateMany(args as Parameters<typeof target.updateMany>[0]);
      };
    },
  });
  return new Proxy(db, {
    get: (target, prop, receiver) => (prop === "job" ? job : Reflect.get(target, prop, receiver)),
  });
}

describe("export jobs", () => {
  it("run in the background, record progress, and end with a verified file", async () => {
    const job = await startExportJob(
      ctx.db,
      { format: "webanno", filter: { stories: [UNICODE_STORY] } },
      alice(),
      queue,
    );
    expect(job).toMatchObject({
      status: "QUEUED",
      format: "webanno",
      unit: "spans",
      progress: 0,
      createdById: alice().id,
    });

    const updates: Record<string, unknown>[] = [];
    const done = await runExportJob(recordingJobUpdates(ctx.db, updates), job.id, {
      databaseUrl: ctx.url,
      dataDir,
      batch: { articles: 1, spans: 2 },
      progressWriteMs: 0,
    });
    const fresh = await exportBytes(ctx.db, ctx.url, "webanno", { stories: [UNICODE_STORY] });
    const total = fresh.result.counts.spans.total;
    expect(done).toMatchObject({ status: "DONE", progress: total, total, error: null });
    expect(done.result).toMatchObject({
      sha256: fresh.result.sha256,
      bytes: fresh.bytes.length,
      mediaType: fresh.result.mediaType,
    });
    // The row told a polling page the total from the start, and progress on the way.
    expect(updates[0]).toMatchObject({ status: "RUNNING", attempt: 0 });
    expect(updates.filter((u) => !("status" in u))[0]).toMatchObject({ total });
    expect(updates.some((u) => typeof u.progress === "number" && u.progress > 0 && u.progress < total)).toBe(true);
    expect(updates.at(-1)).toMatchObject({ status: "DONE" });

    const polled = await getExportJob(ctx.db, job.id, queue);
    expect(polled).toMatchObject({ status: "DONE", progress: total });
    const file = await openExportJobFile(ctx.db, job.id, { dataDir });
    expect(file.fileName).toMatch(/\.webanno\.jsonl$/);
    expect((await streamBuffer(file.stream())).equals(fresh.bytes)).toBe(true);

    // Running a finished job again does nothing.
    const again = await runExportJob(ctx.db, job.id, { databaseUrl: ctx.url, dataDir });
    expect(again.finishedAt).toEqual(done.finishedAt);
  });

  it("run once even when two workers start the same job", async () => {
    const job = await startExportJob(ctx.db, { format: "csv" }, null, queue);
    const results = await Promise.all([
      runExportJob(ctx.db, job.id, { databaseUrl: ctx.url, dataDir }),
      runExportJob(ctx.db, job.id, { databaseUrl: ctx.url, dataDir }),
    ]);
    expect(results.map((r) => r.status).sort()).toContain("DONE");
    expect((await getExportJob(ctx.db, job.id, queue)).status).toBe("DONE");
    expect(readdirSync(path.join(dataDir, "exports")).filter((f) => f.startsWith(job.id))).toHaveLength(1);
  });

  it("can freeze their result as a snapshot", async () => {
    const job = await startExportJob(
      ctx.db,
      { format: "conll", snapshot: { name: "NER training set" } },
      alice(),
      queue,
    );
    const done = await runExportJob(ctx.db, job.id, { databaseUrl: ctx.url, dataDir });
    expect(done.status).toBe("DONE");
    const snapshot = await openSnapshot(ctx.db, { name: "NER training set" }, { dataDir });
    expect(done.result?.snapshotId).toBe(snapshot.snapshot.id);
    expect(snapshot.snapshot.createdBy?.id).toBe(alice().id);
    await expect(
      startExportJob(ctx.db, { format: "conll", snapshot: { name: "NER training set" } }, null, queue),
    ).rejects.toThrow(SnapshotNameTakenError);
  });

  it("refuse bad requests when queued, and record failures", async () => {
    await expect(
      startExportJob(ctx.db, { format: "jsonl", filter: { stories: ["nope"] } }, null, queue),
    ).rejects.toThrow(/unknown stories/);
    await expect(startExportJob(ctx.db, { format: "pdf" }, null, queue)).rejects.toThrow(/Unknown export format/);

    // A story deleted after the job was queued.
    const story = await ctx.db.story.create({ data: { key: "short-lived", title: "Short-lived" } });
    const job = await startExportJob(ctx.db, { format: "jsonl", filter: { stories: ["short-lived"] } }, null, queue);
    await ctx.db.story.delete({ where: { id: story.id } });
    const failed = await runExportJob(ctx.db, job.id, { databaseUrl: ctx.url, dataDir });
    expect(failed).toMatchObject({ status: "FAILED", error: expect.stringMatching(/unknown stories: short-lived/) });
    await expect(openExportJobFile(ctx.db, job.id, { dataDir })).rejects.toThrow(/no file/);
  });

  it("are recorded as failed once the queue has given up on them, not while it has them", async () => {
    const job = await startExportJob(ctx.db, { format: "jsonl" }, null, queue);
    expect(await getExportJob(ctx.db, job.id, queue)).toMatchObject({ status: "QUEUED" });
    await (await jobQueue(ctx.url)).cancel(QUEUE_NAMES.export, job.id);
    expect(await getExportJob(ctx.db, job.id, queue)).toMatchObject({ status: "FAILED", error: INTERRUPTED });
  });
});

describe("the job worker", () => {
  let worker: RunningWorker | undefined;
  afterAll(async () => {
    await worker?.stop();
    await stopJobQueues({ graceMs: 1000 });
  });

  async function finished(jobId: string, timeoutMs = 40_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await getExportJob(ctx.db, jobId, queue);
      if (job.status === "DONE" || job.status === "FAILED" || Date.now() > deadline) return job;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it("runs queued jobs, and a job whose worker died is taken over by another try, exactly once", async () => {
    // Instance A claims a job and dies without finishing it: no more heartbeats.
    // (Jobs the tests above ran by hand leave the queue first.)
    await (await jobQueue(ctx.url)).deleteQueuedJobs(QUEUE_NAMES.export);
    const instanceA = new PgBoss({ connectionString: ctx.url, schema: "pgboss", supervise: false, schedule: false });
    instanceA.on("error", () => {});
    await instanceA.start();
    const abandoned = await startExportJob(ctx.db, { format: "csv" }, alice(), queue);
    try {
      const [claimed] = await instanceA.fetch<{ jobId: string }>(QUEUE_NAMES.export);
      expect(claimed?.id).toBe(abandoned.id);
      await ctx.db.job.update({ where: { id: abandoned.id }, data: { status: "RUNNING", progress: 3 } });
    } finally {
      await instanceA.stop({ graceful: false });
    }

    // Instance B's worker: runs new jobs at once, and A's after its heartbeat runs out.
    worker = await startWorker({ databaseUrl: ctx.url, dataDir, pollingIntervalSeconds: 0.5 });
    const fresh = await startExportJob(
      ctx.db,
      { format: "jsonl", filter: { stories: [UNICODE_STORY] } },
      alice(),
      queue,
    );
    expect(await finished(fresh.id)).toMatchObject({ status: "DONE" });
    expect((await getExportJob(ctx.db, abandoned.id, queue)).status).toBe("RUNNING");

    const done = await finished(abandoned.id);
    expect(done).toMatchObject({ status: "DONE", error: null });
    const row = await ctx.db.job.findUniqueOrThrow({ where: { id: abandoned.id } });
    expect(row.attempt).toBe(1);
    expect(readdirSync(path.join(dataDir, "exports")).filter((f) => f.startsWith(abandoned.id))).toHaveLength(1);
    const [queued] = await (await jobQueue(ctx.url)).findJobs(QUEUE_NAMES.export, { id: abandoned.id });
    expect(queued).toMatchObject({ state: "completed", retryCount: 1 });
  }, 60_000);

  it("deletes export files past their retention, keeps snapshots, and shows the job as expired", async () => {
    const job = await startExportJob(ctx.db, { format: "csv" }, alice(), queue);
    const done = await finished(job.id);
    expect(done.status).toBe("DONE");
    const file = await openExportJobFile(ctx.db, job.id, { dataDir });
    const snapshotsBefore = (await listSnapshots(ctx.db)).length;

    expect(await runCleanup(ctx.db, { dataDir, now: new Date(Date.now() + 6 * 86_400_000) })).toBe(0);
    const deleted = await runCleanup(ctx.db, { dataDir, now: new Date(Date.now() + 8 * 86_400_000) });
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(existsSync(file.path)).toBe(false);
    expect(await getExportJob(ctx.db, job.id, queue)).toMatchObject({ status: "DONE", expired: true });
    await expect(openExportJobFile(ctx.db, job.id, { dataDir })).rejects.toMatchObject({ status: 410 });
    const snapshots = await listSnapshots(ctx.db);
    expect(snapshots).toHaveLength(snapshotsBefore);
    for (const s of snapshots) expect(existsSync(path.join(dataDir, s.filePath))).toBe(true);
  });
});
