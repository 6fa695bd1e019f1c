/**
 * Two app instances (production build, `next start`) on one database and
 * one data folder, as two instances behind a proxy would be:
 *
 * - an import started on A, with A killed mid-way, is finished by B exactly
 *   once: every article written once, each named by one audit event, one
 *   final report — and B leaves the job alone while A is alive. To stop A
 *   mid-way whatever the machine's speed, the test holds a lock on the job's
 *   row after A's first batch: A's next batch waits inside its transaction
 *   (A stays alive, its heartbeats go on) until A is killed;
 * - a session made by signing in on A is valid on B;
 * - sign-in throttling counts the failures made on both.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { hashPassword } from "@/lib/auth/password";
import { createDb } from "@/lib/db";
import { startAppInstance, stopAppInstances, type AppInstance } from "@/tests/support/app-instances";

const databaseUrl = process.env.DATABASE_URL!;
const db = createDb(databaseUrl);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "parallax-two-instances-"));
const instances: AppInstance[] = [];
// Stalled jobs are looked for every 2 s (default 10 s), so a dead instance's job moves sooner.
const env = { PARALLAX_QUEUE_SUPERVISE_SECONDS: "2" };

afterAll(async () => {
  await stopAppInstances(instances, 10_000);
  await db.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(name: string): Promise<AppInstance> {
  const instance = await startAppInstance(name, { databaseUrl, dataDir, env });
  instances.push(instance);
  return instance;
}

async function newEditor() {
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const user = await db.user.create({
    data: {
      email: `editor-${randomBytes(4).toString("hex")}@instances.parallax.test`,
      name: "Two-instance editor",
      role: "EDITOR",
      passwordHash: await hashPassword(password),
    },
  });
  return { ...user, password };
}

const ARTICLES = 6_000;

/** Original short articles with one span each: large enough to take a while. */
function largeImport(tag: string): string {
  const lines: string[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const text = `Notice ${i}: the Rostock ferry sailed at dawn and the pilots reported fog over the Baltic.`;
    lines.push(
      JSON.stringify({
        external_id: `${tag}-${i}`,
        story: `instances-${tag}-${i % 50}`,
        language: "en",
        title: `Notice ${i}`,
        text,
        spans: [
          {
            start: text.indexOf("Rostock"),
            end: text.indexOf("Rostock") + 7,
            text: "Rostock",
            kind: "entity",
            label: "GPE",
          },
        ],
      }),
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * Signs in over HTTP (next-auth's CSRF token, then the credentials
 * callback): the cookies, and the refusal's message (next-auth's `error`).
 */
async function signIn(instance: AppInstance, email: string, password: string) {
  const csrf = await fetch(`${instance.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const res = await fetch(`${instance.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const location = res.headers.get("location") ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
  const error = new URL(location, instance.url).searchParams.get("error");
  return { error, cookie: [...cookies, ...res.headers.getSetCookie().map((c) => c.split(";")[0]!)].join("; ") };
}

async function waitFor<T>(
  what: string,
  read: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("two app instances on one database", () => {
  it("a job A was running when it died is finished by B exactly once; sessions and throttling are shared", async () => {
    const a = await start("A");
    const editor = await newEditor();
    const { token } = await createApiToken(db, editor.id, "two instances");
    const tag = randomBytes(4).toString("hex");

    // The import is started on A, and runs there (B is not up yet).
    const body = largeImport(tag);
    const posted = await fetch(`${a.url}/api/import?fileName=instances.jsonl`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
      body,
    });
    expect(posted.status, await posted.clone().text()).toBe(202);
    const { job } = (await posted.json()) as { job: { id: string } };
    const onA = await waitFor(
      "A to commit a batch",
      async () => {
        const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
        return row.checkpoint || row.status === "DONE" ? row : null;
      },
      60_000,
    );
    // A's next batch will wait for this lock, inside its transaction.
    const hold = new pg.Client({ connectionString: databaseUrl });
    await hold.connect();
    await hold.query("BEGIN");
    await hold.query(`SELECT 1 FROM "Job" WHERE id = $1 FOR UPDATE`, [job.id]);
    const runnerA = onA.runner!;

    const b = await start("B");
    const bUp = Date.now();

    await test("a session made on A is valid on B", async () => {
      const { error, cookie } = await signIn(a, editor.email, editor.password);
      expect(error).toBeNull();
      const onB = await fetch(`${b.url}/api/imports`, { headers: { cookie } });
      expect(onB.status).toBe(200);
      expect(((await onB.json()) as { jobs: { id: string }[] }).jobs.map((j) => j.id)).toContain(job.id);
      expect((await fetch(`${b.url}/api/imports`)).status).toBe(401);
    });

    await test("sign-in throttling counts the failures made on A and on B", async () => {
      const other = await newEditor();
      for (const instance of [a, a, b, b]) {
        expect((await signIn(instance, other.email, "wrong password")).error).toMatch(/do not match/);
      }
      const pair = await db.signInThrottle.findFirstOrThrow({
        where: { key: { startsWith: `pair:${other.email}|` } },
      });
      expect(pair.failures).toBe(4);
      // Three are free; the fourth, wherever it was made, makes the next try wait — even with the right password.
      expect((await signIn(a, other.email, other.password)).error).toMatch(/Too many failed attempts/);
    });

    await test("B leaves the job of the live A alone; A dies; B finishes it from A's checkpoint", async () => {
      // Longer than a missed heartbeat takes to be noticed (10 s + the 2 s supervision).
      await new Promise((r) => setTimeout(r, Math.max(0, 14_000 - (Date.now() - bUp))));
      const live = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(live.status, "the import must still be running on A here (make the file larger)").toBe("RUNNING");
      expect(live.runner).toBe(runnerA);
      expect(live.attempt).toBe(0);

      await a.stop("SIGKILL");
      // A's waiting batch dies with A's connection: it never commits.
      await hold.query("COMMIT");
      await hold.end();
      const killedAt = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      const checkpoint = killedAt.checkpoint as { line: number; imported: number };
      expect(checkpoint.line).toBeLessThan(ARTICLES);
      const writtenByA = await db.article.count({ where: { externalId: { startsWith: `${tag}-` } } });
      expect(writtenByA).toBe(checkpoint.imported);

      const done = await waitFor(
        "B to finish the import",
        async () => {
          const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
          return row.status === "DONE" || row.status === "FAILED" ? row : null;
        },
        180_000,
      );
      expect(done.status, done.error ?? "").toBe("DONE");
      expect(done.runner).not.toBe(runnerA);
      expect(done.attempt).toBeGreaterThanOrEqual(1);
      const { final } = done.result as {
        final: { report: { imported: number; skipped: number; rejected: unknown[]; spans: number } };
      };
      expect(final.report).toMatchObject({ imported: ARTICLES, skipped: 0, rejected: [], spans: ARTICLES });

      expect(await db.article.count({ where: { externalId: { startsWith: `${tag}-` } } })).toBe(ARTICLES);
      const batches = await db.auditEvent.findMany({
        where: { targetType: "Job", targetId: job.id, action: "article.import.batch" },
        select: { detail: true },
      });
      const ids = batches.flatMap((e) => (e.detail as { imported: string[] }).imported);
      expect(ids).toHaveLength(ARTICLES);
      expect(new Set(ids).size).toBe(ARTICLES);
      expect(
        await db.auditEvent.count({ where: { targetType: "Job", targetId: job.id, action: "article.import" } }),
      ).toBe(1);

      // B shows it too.
      const res = await fetch(`${b.url}/api/imports/${job.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await res.json()) as { job: { status: string } }).job.status).toBe("DONE");
    });
  });
});

/** A named step (the failure message says which). */
async function test(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Error) error.message = `${name}: ${error.message}`;
    throw error;
  }
}
