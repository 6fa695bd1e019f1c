/**
 * A dataset snapshot with the agreement report frozen beside it: made through
 * the library, the HTTP API and the command line; downloaded and verified
 * like the dataset's own file; refused when there is no independent work to
 * compare, and kept from an annotator still at work.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buffer as streamBuffer } from "node:stream/consumers";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as myAssignmentsRoute from "@/app/api/assignments/route";
import * as assignmentRoute from "@/app/api/assignments/[id]/route";
import { POST as datasetsPost } from "@/app/api/datasets/route";
import { GET as datasetGet } from "@/app/api/datasets/[id]/route";
import { GET as agreementFileGet } from "@/app/api/datasets/[id]/agreement/route";
import { GET as verificationGet } from "@/app/api/datasets/[id]/verification/route";
import { loadAgreementReport } from "@/lib/agreement/load";
import type { SnapshotAgreement } from "@/lib/agreement/snapshot";
import type { AssignmentDTO } from "@/lib/assignments/assignments";
import { AppError } from "@/lib/errors";
import { createSnapshot, IntegrityError, openSnapshot, verifySnapshot } from "@/lib/export";
import { call, createStory, type Caller } from "./support/api";
import { twoAnnotators, type Version } from "./support/two-annotators";
import { scratchDir } from "./support/export-helpers";
import { finishedJob, jobWorker } from "./support/jobs";
import { testDb } from "./db";

const db = testDb();
const previousDataDir = process.env.PARALLAX_DATA_DIR;
const dataDir = scratchDir("parallax-dataset-agreement");
process.env.PARALLAX_DATA_DIR = dataDir;
jobWorker({ dataDir });
afterAll(() => {
  if (previousDataDir === undefined) delete process.env.PARALLAX_DATA_DIR;
  else process.env.PARALLAX_DATA_DIR = previousDataDir;
});

const SV = "Ingrid Halvorsen besökte Kiel i maj. Hamnen i Kiel var full.";
const EN = "Ingrid Halvorsen visited Kiel in May. The harbour in Kiel was full.";

let admin: Caller;
let ann: Caller;
let bo: Caller;
let story: { id: string; key: string };
let plainStory: { key: string };

async function setStatus(as: Caller, status: "DONE" | "IN_PROGRESS") {
  const mine = await call<{ assignments: AssignmentDTO[] }>(myAssignmentsRoute.GET, { as });
  for (const a of mine.body.assignments.filter((x) => x.storyKey === story.key)) {
    const res = await call(assignmentRoute.PATCH, { as, method: "PATCH", params: { id: a.id }, body: { status } });
    expect(res.status).toBe(200);
  }
}

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;

/** A download: the raw response (call() reads JSON only). */
async function download(handler: unknown, as: Caller, id: string): Promise<Response> {
  const req = new NextRequest(new URL("/api/test", "http://localhost"), {
    headers: { cookie: as.cookie ?? "", origin: "http://localhost" },
  });
  return (handler as Handler)(req, { params: Promise.resolve({ id }) as Promise<never> });
}

beforeAll(async () => {
  const team = await twoAnnotators(db, [
    { language: "sv", text: SV },
    { language: "en", text: EN },
  ]);
  ({ admin, ann, bo, story } = team);
  const [sv, en] = team.articles as [Version, Version];
  plainStory = (await createStory(db, [{ language: "en", text: EN }])).story;
  expect((await team.assignIndependently(["sv", "en"])).status).toBe(201);
  await team.createSpan(ann, sv, "Ingrid Halvorsen");
  await team.createSpan(ann, sv, "Kiel");
  await team.createSpan(bo, sv, "Kiel");
  await team.createSpan(bo, en, "Kiel");
});

describe("a snapshot with its agreement report", () => {
  let id: string;

  it("freezes the report over the selected versions beside the file, hashed and read-only", async () => {
    await setStatus(ann, "DONE");
    await setStatus(bo, "DONE");
    const snapshot = await createSnapshot(
      db,
      {
        name: `With agreement ${randomUUID().slice(0, 8)}`,
        format: "jsonl",
        filter: { stories: [story.key] },
        agreement: true,
      },
      { id: admin.id, email: "admin@example.test" },
      { dataDir },
    );
    id = snapshot.id;
    expect(snapshot.agreement).toMatchObject({ fileName: expect.stringMatching(/\.agreement\.json$/) });

    const opened = await openSnapshot(db, { id }, { dataDir, part: "agreement" });
    const bytes = await streamBuffer(opened.stream());
    expect(bytes.length).toBe(snapshot.agreement!.byteSize);
    const frozen = JSON.parse(bytes.toString("utf8")) as SnapshotAgreement;
    expect(frozen.dataset).toEqual({ id, name: snapshot.name });
    expect(frozen.filter).toEqual({ stories: [story.key] });
    // The same report the API gives for the story (both versions annotated independently).
    const live = await loadAgreementReport(db, { storyKeys: [story.key] });
    expect(JSON.parse(JSON.stringify(live))).toEqual(frozen.report);
    expect(frozen.report.annotators.map((a) => a.id).sort()).toEqual([ann.id, bo.id].sort());
    expect(frozen.report.pairs[0]!.exact.matched).toBe(1); // both marked "Kiel" in sv

    const check = await verifySnapshot(db, { id }, { dataDir });
    expect(check).toMatchObject({ ok: true, file: { ok: true }, agreement: { ok: true } });
    expect(
      readdirSync(path.join(dataDir, "snapshots"))
        .filter((f) => f.startsWith(id))
        .sort(),
    ).toEqual([`${id}.agreement.json`, `${id}.jsonl`]);
  });

  it("is checked like the dataset: a changed report fails verification and never downloads whole", async () => {
    const id2 = (
      await createSnapshot(
        db,
        {
          name: `Tampered ${randomUUID().slice(0, 8)}`,
          format: "csv",
          filter: { stories: [story.key] },
          agreement: true,
        },
        null,
        { dataDir },
      )
    ).id;
    const file = path.join(dataDir, "snapshots", `${id2}.agreement.json`);
    chmodSync(file, 0o644);
    writeFileSync(file, '{"report":"made up"}\n');
    const check = await verifySnapshot(db, { id: id2 }, { dataDir });
    expect(check.ok).toBe(false);
    expect(check.file.ok).toBe(true);
    expect(check.agreement).toMatchObject({ ok: false });
    const opened = await openSnapshot(db, { id: id2 }, { dataDir, part: "agreement" });
    await expect(streamBuffer(opened.stream())).rejects.toBeInstanceOf(IntegrityError);
  });

  it("is refused, with nothing written, when no version in the selection was annotated independently", async () => {
    const before = readdirSync(path.join(dataDir, "snapshots")).length;
    const name = `Nothing to compare ${randomUUID().slice(0, 8)}`;
    const attempt = createSnapshot(
      db,
      { name, format: "jsonl", filter: { stories: [plainStory.key] }, agreement: true },
      null,
      { dataDir },
    );
    await expect(attempt).rejects.toMatchObject({ code: "NO_INDEPENDENT_WORK" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(readdirSync(path.join(dataDir, "snapshots")).length).toBe(before);
    expect(await db.datasetSnapshot.findUnique({ where: { name } })).toBeNull();
    // Without the option the same selection freezes as before.
    const plain = await createSnapshot(db, { name, format: "jsonl", filter: { stories: [plainStory.key] } }, null, {
      dataDir,
    });
    expect(plain.agreement).toBeNull();
    expect(existsSync(path.join(dataDir, "snapshots", `${plain.id}.agreement.json`))).toBe(false);
    expect((await openSnapshot(db, { id: plain.id }, { dataDir }).then((o) => o.snapshot)).agreement).toBeNull();
    await expect(openSnapshot(db, { id: plain.id }, { dataDir, part: "agreement" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("over HTTP: asked for when freezing, listed with the dataset, downloaded with its digest", async () => {
    const name = `HTTP agreement ${randomUUID().slice(0, 8)}`;
    const body = { name, format: "jsonl", filter: { stories: [story.key] }, agreement: true };
    const none = await call(datasetsPost, {
      as: admin,
      body: { ...body, name: `${name} none`, filter: { stories: [plainStory.key] } },
    });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ error: { code: "NO_INDEPENDENT_WORK" } });

    const started = await call<{ job: { id: string } }>(datasetsPost, { as: admin, body });
    expect(started.status).toBe(202);
    const job = await finishedJob(db, started.body.job.id);
    expect(job.status).toBe("DONE");
    const snapshotId = (job.result as { snapshotId: string }).snapshotId;

    const shown = await call<{ dataset: { agreement: { sha256: string; byteSize: number; file: string } } }>(
      datasetGet,
      { as: ann, params: { id: snapshotId } },
    );
    expect(shown.body.dataset.agreement.file).toBe(`/api/datasets/${snapshotId}/agreement`);
    expect(JSON.stringify(shown.body)).not.toContain("filePath");

    const res = await download(agreementFileGet, bo, snapshotId);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-parallax-sha256")).toBe(shown.body.dataset.agreement.sha256);
    expect(res.headers.get("content-disposition")).toContain(".agreement.json");
    const frozen = JSON.parse(Buffer.from(await res.arrayBuffer()).toString("utf8")) as SnapshotAgreement;
    expect(frozen.report.scope.stories).toEqual([story.key]);

    const verification = await call<{ verification: { ok: boolean; agreement: { ok: boolean } } }>(verificationGet, {
      as: ann,
      params: { id: snapshotId },
    });
    expect(verification.body.verification).toMatchObject({ ok: true, agreement: { ok: true } });

    // Reopened work: the frozen report is kept from its annotator, like the live one.
    await setStatus(ann, "IN_PROGRESS");
    const early = await download(agreementFileGet, ann, snapshotId);
    expect(early.status).toBe(403);
    expect(await early.json()).toMatchObject({ error: { code: "ASSIGNMENT_OPEN" } });
    const refused = await call(datasetsPost, { as: ann, body: { ...body, name: `${name} early` } });
    expect(refused.status).toBe(403);
    await setStatus(ann, "DONE");
  });

  it("from the command line: export --with-agreement, datasets get --agreement and verify", async () => {
    const name = `CLI agreement ${randomUUID().slice(0, 8)}`;
    const made = await cli(["export", "--format", "csv", "--story", story.key, "--snapshot", name, "--with-agreement"]);
    expect(made.code).toBe(0);
    expect(made.stderr).toContain("agreement report:");
    const row = await db.datasetSnapshot.findUniqueOrThrow({ where: { name } });
    const got = await cli(["datasets", "get", name, "--agreement", "--out", "-"]);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout.toString("utf8"))).toMatchObject({ dataset: { id: row.id, name } });
    const verified = await cli(["datasets", "verify", name]);
    expect(verified.code).toBe(0);
    expect(verified.stdout.toString()).toContain(`ok agreement report ${row.agreementSha256}`);
    const usage = await cli(["export", "--format", "csv", "--out", "-", "--with-agreement"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--with-agreement needs --snapshot");
  }, 120_000);
});

function cli(args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, PARALLAX_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: err }));
  });
}
