/**
 * What a crash leaves behind is cleaned up: temporary export files
 * (`*.partial-*`) of a writer that died go when a worker starts or the
 * cleanup job runs — but not a file a live job (on any instance sharing the
 * folder) is still writing, which stays fresh.
 */
import { mkdirSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCleanup, startWorker } from "@/lib/jobs/worker";
import { stopJobQueues } from "@/lib/jobs/queue";
import { testDb } from "./db";
import { scratchDir } from "./support/export-helpers";

const db = testDb();

function file(at: string, ageMs: number): string {
  mkdirSync(path.dirname(at), { recursive: true });
  writeFileSync(at, "half an export");
  const t = (Date.now() - ageMs) / 1000;
  utimesSync(at, t, t);
  return at;
}

describe("temporary files a crash left", () => {
  it("are removed at worker start and by the cleanup job, unless a writer may still be at work", async () => {
    const dataDir = scratchDir("parallax-crash-leftovers");
    const hour = 60 * 60 * 1000;
    const crashed = file(path.join(dataDir, "exports", "job-a.jsonl.partial-4242-1700000000000"), 3 * hour);
    const crashedSnapshot = file(path.join(dataDir, "snap.jsonl.partial-77-1700000000001"), 2 * hour);
    const live = file(path.join(dataDir, "exports", "job-b.jsonl.partial-4343-1700000000002"), 60 * 1000);
    const finished = file(path.join(dataDir, "exports", "job-c.jsonl"), 3 * hour);

    const worker = await startWorker({ dataDir, pollingIntervalSeconds: 0.5 });
    try {
      expect(existsSync(crashed)).toBe(false);
      expect(existsSync(crashedSnapshot)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(finished)).toBe(true);

      // Two hours on, the writer of `live` is gone too: the hourly cleanup removes its file.
      await runCleanup(db, { dataDir, now: new Date(Date.now() + 2 * hour) });
      expect(existsSync(live)).toBe(false);
      expect(existsSync(finished)).toBe(true);
    } finally {
      await worker.stop();
      await stopJobQueues({ graceMs: 1000 });
    }
  });
});
