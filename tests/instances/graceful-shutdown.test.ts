/**
 * SIGTERM on a real app instance (the production build, `next start` with
 * the preloads `npm start` uses): it stops taking connections, ends its live
 * event stream with a final `shutdown` event, returns the export job it was
 * running to the queue, and exits well within 30 s; another worker then
 * finishes the job. The job is held mid-run by a lock on the Span table, so
 * it is certainly unfinished when the signal comes.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { startExportJob } from "@/lib/export/jobs";
import { queueState, stopJobQueues } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { buildIfNeeded } from "../../scripts/lib/build";
import { startAppInstance, type AppInstance } from "../support/app-instances";
import { SseReader } from "../support/sse";
import { testDb } from "../integration/db";
import { createStory } from "../integration/support/api";
import { finishedJob } from "../integration/support/jobs";
import { createUser } from "../integration/support/users";

const db = testDb();
const databaseUrl = process.env.DATABASE_URL!;
const preload = (file: string) =>
  `--import=${pathToFileURL(path.resolve(import.meta.dirname, "../../scripts/lib", file)).href}`;

let app: AppInstance | undefined;
let lock: pg.Client | undefined;

beforeAll(async () => {
  await buildIfNeeded((m) => console.log(`[graceful-shutdown] ${m}`));
}, 900_000);

afterAll(async () => {
  await app?.stop("SIGKILL");
  await lock?.query("ROLLBACK").catch(() => {});
  await lock?.end().catch(() => {});
  await stopJobQueues({ graceMs: 1000 });
});

describe("SIGTERM", () => {
  it("ends streams with a final event, returns the running job to the queue and exits within 30 s", async () => {
    const admin = await createUser(db, "ADMIN");
    const { token } = await createApiToken(db, admin.id, "shutdown test");
    const { story } = await createStory(db, [{ language: "en", text: "Kiel was cold that night." }]);
    const job = await startExportJob(db, { format: "jsonl", filter: {} }, { id: admin.id, email: admin.email });

    // Every read of spans waits until this transaction ends: the export will be mid-run.
    lock = new pg.Client({ connectionString: databaseUrl });
    await lock.connect();
    await lock.query("BEGIN");
    await lock.query('LOCK TABLE "Span" IN ACCESS EXCLUSIVE MODE');

    app = await startAppInstance("A", {
      databaseUrl,
      dataDir: mkdtempSync(path.join(os.tmpdir(), "parallax-shutdown-")),
      env: {
        NODE_OPTIONS: [preload("client-address.mjs"), preload("http-servers.mjs")].join(" "),
        NEXT_MANUAL_SIG_HANDLE: "true",
        PARALLAX_SHUTDOWN_GRACE_MS: "1000",
        PARALLAX_QUEUE_SUPERVISE_SECONDS: "2",
      },
    });
    const { url } = app;
    for (let i = 0; (await db.job.findUniqueOrThrow({ where: { id: job.id } })).status !== "RUNNING"; i++) {
      if (i > 200) throw new Error(`the instance never took the job:\n${app.output()}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(await queueState("export", job.id)).toBe("active");

    const me = await fetch(`${url}/api/me`, {
      headers: { authorization: `Bearer ${token}`, "x-request-id": "shutdown-trace-1" },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get("x-request-id")).toBe("shutdown-trace-1");

    const events = await fetch(`${url}/api/stories/${story.id}/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(events.status).toBe(200);
    const stream = new SseReader(events.body!);
    await stream.until("ready", 15_000);

    const signalled = Date.now();
    app.process.kill("SIGTERM");
    const [shutdown] = (await stream.until("shutdown", 10_000)).slice(-1);
    expect(JSON.parse(shutdown!.data)).toMatchObject({ reason: expect.stringContaining("shutting down") });
    expect(await stream.next(5_000)).toBeNull(); // and the stream ends
    // No new connections are taken.
    await expect(fetch(`${url}/api/health/live`)).rejects.toThrow();

    const code = await app.stop("SIGTERM", 40_000);
    const took = Date.now() - signalled;
    expect(code, app.output()).toBe(0);
    expect(took).toBeLessThan(30_000);

    // Every line is JSON; the request's line carries its id; the shutdown is logged.
    const lines = app
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: "request", route: "/api/me", status: 200, requestId: "shutdown-trace-1" }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ msg: "shutting down", signal: "SIGTERM" }));
    expect(app.output()).not.toContain(token);

    // The unfinished job went back to the queue, and another worker finishes it.
    expect(await queueState("export", job.id)).toBe("retry");
    await lock.query("ROLLBACK");
    await lock.end();
    lock = undefined;
    const worker = await startWorker({ pollingIntervalSeconds: 0.5, dataDir: app.dataDir });
    try {
      const done = await finishedJob(db, job.id, 60_000);
      expect(done.status).toBe("DONE");
      expect(done.attempt).toBeGreaterThan(0);
    } finally {
      await worker.stop();
    }
  }, 300_000);
});
