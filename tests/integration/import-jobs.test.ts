/**
 * Imports as jobs (lib/import/jobs.ts), tries driven by hand: a try that
 * stops mid-way leaves its committed batches with their audit events and a
 * checkpoint; the next try goes on from there, so every article is written
 * and counted exactly once; a try that lost the row to a later one commits
 * nothing more.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getImportJob, runImportJob, startImportJob } from "@/lib/import/jobs";
import { stopJobQueues } from "@/lib/jobs/queue";
import { testDb } from "./db";
import { scratchDir } from "./support/export-helpers";
import { createUser } from "./support/users";

const db = testDb();
const dataDir = scratchDir("parallax-import-jobs");
afterAll(() => stopJobQueues({ graceMs: 1000 }));

/** `count` small original articles, one story, with one span each. */
function articles(tag: string, count: number): string {
  return (
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({
        external_id: `${tag}-${i}`,
        story: `jobs-${tag}`,
        language: "en",
        title: `Dispatch ${i}`,
        text: `Dispatch ${i}: the Kiel ferry left at dawn.`,
        spans: [{ start: 0, end: 8, text: "Dispatch", kind: "entity", label: "ORG" }],
      }),
    ).join("\n") + "\n"
  );
}

async function start(tag: string, count: number) {
  const user = await createUser(db, "EDITOR");
  const job = await startImportJob(
    db,
    { source: { content: articles(tag, count) }, fileName: `${tag}.jsonl` },
    { id: user.id, email: user.email },
    // Not queued on a worker here: the test runs the tries itself.
    { dataDir, databaseUrl: process.env.DATABASE_URL },
  );
  return { job, user };
}

async function batchEvents(jobId: string) {
  const events = await db.auditEvent.findMany({
    where: { targetType: "Job", targetId: jobId, action: "article.import.batch" },
    orderBy: { at: "asc" },
  });
  return events.map((e) => e.detail as { lines: [number, number]; imported: string[] });
}

describe("import jobs", () => {
  it("a try stopped mid-way keeps what it wrote, audited; the next try finishes from its checkpoint, each article once", async () => {
    const tag = randomBytes(4).toString("hex");
    const { job } = await start(tag, 40);
    const stop = new AbortController();
    let checkpoints = 0;
    await expect(
      runImportJob(db, job.id, {
        dataDir,
        attempt: 0,
        finalAttempt: false,
        batchSize: 5,
        signal: stop.signal,
        onCheckpoint: () => {
          if (++checkpoints === 2) stop.abort();
        },
      }),
    ).rejects.toThrow(/stopped/);

    const stopped = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(stopped.status).toBe("QUEUED");
    const checkpoint = stopped.checkpoint as { line: number; imported: number };
    expect(checkpoint.line).toBeGreaterThanOrEqual(10);
    expect(checkpoint.line).toBeLessThan(40);
    const written = await db.article.count({ where: { externalId: { startsWith: `${tag}-` } } });
    expect(written).toBe(checkpoint.imported);
    // Every article written so far is named by exactly one audit event of its transaction.
    const before = await batchEvents(job.id);
    expect(before.flatMap((e) => e.imported)).toHaveLength(written);
    // The page shows the interrupted job's counts.
    expect((await getImportJob(db, job.id, { databaseUrl: process.env.DATABASE_URL })).progress).toMatchObject({
      imported: written,
    });
    expect(existsSync(path.join(dataDir, "imports", `${job.id}.jsonl`))).toBe(true);

    const done = await runImportJob(db, job.id, { dataDir, attempt: 1, batchSize: 5 });
    expect(done.status).toBe("DONE");
    expect(done.result!.report).toMatchObject({ imported: 40, skipped: 0, updated: 0, rejected: [], spans: 40 });
    expect(await db.article.count({ where: { externalId: { startsWith: `${tag}-` } } })).toBe(40);
    const after = await batchEvents(job.id);
    const ids = after.flatMap((e) => e.imported);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    const finals = await db.auditEvent.count({
      where: { targetType: "Job", targetId: job.id, action: "article.import" },
    });
    expect(finals).toBe(1);
    expect(existsSync(path.join(dataDir, "imports", `${job.id}.jsonl`))).toBe(false);

    // A late try changes nothing.
    expect((await runImportJob(db, job.id, { dataDir, attempt: 1 })).status).toBe("DONE");
    expect(await db.auditEvent.count({ where: { targetType: "Job", targetId: job.id } })).toBe(after.length + 2);
  });

  it("a try whose row a later try took over commits no further batch", async () => {
    const tag = randomBytes(4).toString("hex");
    const { job } = await start(tag, 30);
    let takeover: Promise<unknown> | null = null;
    const first = await runImportJob(db, job.id, {
      dataDir,
      attempt: 0,
      batchSize: 5,
      onCheckpoint: () => {
        // As the queue does when it gives up on a try: the row goes to the next one.
        // (It waits for this batch's transaction, which holds the row.)
        takeover ??= db.job.update({ where: { id: job.id }, data: { attempt: 1, status: "QUEUED" } }).then(() => {});
      },
    });
    await takeover;
    expect(first.status).toBe("QUEUED");
    expect(await db.article.count({ where: { externalId: { startsWith: `${tag}-` } } })).toBe(5);
    expect(await batchEvents(job.id)).toHaveLength(1);

    const done = await runImportJob(db, job.id, { dataDir, attempt: 1, batchSize: 5 });
    expect(done.result!.report).toMatchObject({ imported: 30, skipped: 0, rejected: [] });
    expect((await batchEvents(job.id)).flatMap((e) => e.imported)).toHaveLength(30);
  });
});
