/**
 * The export and dataset routes over HTTP (as Next.js calls them), on the
 * run's database: streamed downloads checked span by span, errors that say
 * why, API tokens, background jobs from start to file, and snapshots whose
 * downloads hash to their recorded SHA-256.
 */
import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as exportPost } from "@/app/api/export/route";
import { POST as previewPost } from "@/app/api/export/preview/route";
import { GET as jobsGet, POST as jobsPost } from "@/app/api/exports/route";
import { GET as jobGet } from "@/app/api/exports/[id]/route";
import { GET as jobFileGet } from "@/app/api/exports/[id]/file/route";
import { GET as datasetsGet, POST as datasetsPost } from "@/app/api/datasets/route";
import { GET as datasetGet } from "@/app/api/datasets/[id]/route";
import { GET as datasetFileGet } from "@/app/api/datasets/[id]/file/route";
import { GET as verificationGet } from "@/app/api/datasets/[id]/verification/route";
import { GET as storiesGet } from "@/app/api/stories/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { DEMO_STORY } from "@/lib/demo/newsroom";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import type { Role } from "@/lib/generated/prisma/enums";
import { createStory, offsetsOf } from "./support/api";
import { parseCsv, scratchDir, slice } from "./support/export-helpers";
import { finishedJob, jobWorker } from "./support/jobs";
import { createUser, sessionCookie } from "./support/users";
import { testDb } from "./db";

const db = testDb();
// Snapshots and job files go to a folder of this file's own.
const previousDataDir = process.env.PARALLAX_DATA_DIR;
const dataDir = scratchDir("parallax-export-http");
process.env.PARALLAX_DATA_DIR = dataDir;
const PYTHON_CHECK = path.resolve(import.meta.dirname, "../python/check_export.py");
jobWorker({ dataDir });
afterAll(() => {
  if (previousDataDir === undefined) delete process.env.PARALLAX_DATA_DIR;
  else process.env.PARALLAX_DATA_DIR = previousDataDir;
});

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;
type Who = { id: string; headers: Record<string, string> };

async function signedIn(role: Role): Promise<Who> {
  const user = await createUser(db, role);
  return { id: user.id, headers: { cookie: (await sessionCookie(db, user.id)).cookie, origin: "http://localhost" } };
}

async function send(
  handler: unknown,
  who: Who,
  {
    method = "GET",
    body,
    form,
    params = {},
  }: { method?: string; body?: unknown; form?: Record<string, string>; params?: Record<string, string> } = {},
  path = "/api/test",
): Promise<Response> {
  const headers = new Headers(who.headers);
  let payload: string | undefined;
  if (form) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    payload = new URLSearchParams(form).toString();
  } else if (body !== undefined) {
    headers.set("content-type", "application/json");
    payload = JSON.stringify(body);
  }
  const req = new NextRequest(new URL(path, "http://localhost"), { method, headers, body: payload });
  return (handler as Handler)(req, { params: Promise.resolve(params) as Promise<never> });
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

interface JsonlArticle {
  story: string;
  language: string;
  text: string;
  spans: { start: number; end: number; text: string; label: string | null }[];
}

let viewer: Who;
let editor: Who;
let storyKey: string;
const EMOJI_TEXT = "Familjen 👨‍👩‍👧 reste med 🇸🇪 till Varnhamn. Café au lait, s\u0327il vous plaît.";

beforeAll(async () => {
  await seedDemoNewsroom(db);
  viewer = await signedIn("VIEWER");
  editor = await signedIn("EDITOR");
  // A story of this file's own whose text shifts UTF-16 indices away from code points.
  const { story, articles } = await createStory(db, [{ language: "sv", text: EMOJI_TEXT }]);
  storyKey = story.key;
  const article = articles[0]!;
  const gpe = await db.label.findUniqueOrThrow({ where: { key: "GPE" } });
  const at = offsetsOf(article.text, "Varnhamn");
  await db.span.create({
    data: {
      id: randomUUID(),
      articleId: article.id,
      revision: 1,
      ...at,
      prefix: "",
      suffix: "",
      kind: "ENTITY",
      labelId: gpe.id,
      createdById: editor.id,
    },
  });
});

describe("POST /api/export", () => {
  it("streams Parallax JSONL whose every quote is its text slice by code points", async () => {
    const res = await send(exportPost, viewer, {
      method: "POST",
      body: { format: "jsonl", filter: { stories: [storyKey, DEMO_STORY.key] } },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/jsonl; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="parallax-\d{4}-\d{2}-\d{2}-jsonl\.jsonl"/,
    );
    const body = await res.text();
    // Python slices str by code point: an independent check of every offset.
    const file = path.join(dataDir, "http-export.jsonl");
    writeFileSync(file, body);
    const { stdout } = await promisify(execFile)("python3", [PYTHON_CHECK, "--jsonl", file]);
    expect(JSON.parse(stdout)).toMatchObject({ articles: 6 });
    const articles = body
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as JsonlArticle);
    expect(new Set(articles.map((a) => a.story))).toEqual(new Set([storyKey, DEMO_STORY.key]));
    expect(
      articles
        .filter((a) => a.story === DEMO_STORY.key)
        .map((a) => a.language)
        .sort(),
    ).toEqual(["ar", "en", "fr", "sv", "zh-Hans"]);
    let spans = 0;
    for (const a of articles) {
      for (const s of a.spans) {
        expect(slice(a.text, s.start, s.end)).toBe(s.text);
        spans++;
      }
    }
    expect(spans).toBeGreaterThan(1);
    const mine = articles.find((a) => a.story === storyKey)!;
    // "Familjen " (9) + a 5-code-point family + " reste med " (11) + a 2-code-point flag + " till " (6): 33.
    expect(mine.spans).toMatchObject([{ start: 33, end: 41, text: "Varnhamn", label: "GPE" }]);

    const preview = await send(previewPost, viewer, {
      method: "POST",
      body: { format: "jsonl", filter: { stories: [storyKey, DEMO_STORY.key] } },
    });
    expect(preview.status).toBe(200);
    const { counts } = (await preview.json()) as { counts: { articles: number; spans: { total: number } } };
    expect(counts).toMatchObject({ articles: articles.length, spans: { total: spans } });
  });

  it("takes the export page's form post and names the file after a single story", async () => {
    const res = await send(exportPost, viewer, {
      method: "POST",
      form: { format: "csv", filter: JSON.stringify({ stories: [storyKey] }) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`filename="parallax-${storyKey}-csv.csv"`);
    const text = (await bytesOf(res)).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(rows).toHaveLength(1);
    expect(row).toMatchObject({ story: storyKey, start: "33", end: "41", quote: "Varnhamn", label: "GPE" });
  });

  it("answers mistakes with a 400 that says why, before streaming", async () => {
    const cases: [unknown, string, RegExp][] = [
      [
        { format: "jsonl", filter: { stories: ["no-such-story"] } },
        "INVALID_EXPORT_FILTER",
        /unknown stories: no-such-story/,
      ],
      [{ format: "jsonl", filter: { languages: ["not a tag!"] } }, "INVALID_EXPORT_FILTER", /invalid language tag/],
      [{ format: "jsonl", filter: { labels: ["person"] } }, "INVALID_EXPORT_FILTER", /unknown labels: person .*PERSON/],
      [{ format: "xml" }, "UNKNOWN_EXPORT_FORMAT", /one of jsonl, webanno, claimreview, conll, csv/],
      [{ filter: {} }, "INVALID_INPUT", /format is required/],
      [
        { format: "jsonl", filter: { created: { from: "2026-05-01", to: "2026-04-01" } } },
        "INVALID_EXPORT_FILTER",
        /`from` must be before `to`/,
      ],
    ];
    for (const [body, code, message] of cases) {
      const res = await send(exportPost, viewer, { method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
  });

  it("works with an API token and no browser headers", async () => {
    const { token } = await createApiToken(db, viewer.id, "export test");
    const res = await send(
      exportPost,
      { id: viewer.id, headers: { authorization: `Bearer ${token}` } },
      { method: "POST", body: { format: "webanno", filter: { stories: [storyKey] } } },
    );
    expect(res.status).toBe(200);
    const annotation = JSON.parse((await res.text()).trimEnd()) as Record<string, unknown>;
    expect(JSON.stringify(annotation)).toContain('"exact":"Varnhamn"');
    expect(JSON.stringify(annotation)).toContain('"start":33,"end":41');
  });
});

describe("background export jobs", () => {
  it("run to a file that is the export's bytes, with progress, visible only to their owner", async () => {
    const filter = { stories: [storyKey, DEMO_STORY.key] };
    const started = await send(jobsPost, viewer, { method: "POST", body: { format: "conll", filter } });
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: { id: string; status: string } };
    expect(started.headers.get("location")).toBe(`/api/exports/${job.id}`);
    expect(["QUEUED", "RUNNING", "DONE"]).toContain(job.status);
    await finishedJob(db, job.id);

    const polled = await send(jobGet, viewer, { params: { id: job.id } });
    const status = (await polled.json()) as {
      job: {
        status: string;
        progress: number;
        total: number;
        result: { sha256: string; bytes: number; fileName: string };
      };
      file: string;
    };
    expect(status.job).toMatchObject({ status: "DONE" });
    expect(status.job.progress).toBe(status.job.total);
    expect(status.file).toBe(`/api/exports/${job.id}/file`);

    const file = await send(jobFileGet, viewer, { params: { id: job.id } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain(status.job.result.fileName);
    const bytes = await bytesOf(file);
    expect(bytes.length).toBe(status.job.result.bytes);
    expect(sha256(bytes)).toBe(status.job.result.sha256);
    expect(file.headers.get("x-parallax-sha256")).toBe(status.job.result.sha256);
    // The same data gives the same bytes as a direct download.
    const direct = await bytesOf(await send(exportPost, viewer, { method: "POST", body: { format: "conll", filter } }));
    expect(direct.equals(bytes)).toBe(true);

    const list = (await (await send(jobsGet, viewer)).json()) as { jobs: { id: string }[] };
    expect(list.jobs.map((j) => j.id)).toContain(job.id);
    // Someone else's job does not exist for you.
    const other = await signedIn("EDITOR");
    expect((await send(jobGet, other, { params: { id: job.id } })).status).toBe(404);
    expect((await send(jobFileGet, other, { params: { id: job.id } })).status).toBe(404);
    expect(((await (await send(jobsGet, other)).json()) as { jobs: unknown[] }).jobs).toEqual([]);
  });

  it("refuse a bad request at once, and a snapshot from a viewer", async () => {
    const bad = await send(jobsPost, viewer, { method: "POST", body: { format: "csv", filter: { kinds: ["event"] } } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/kinds\.0/);
    const snapshot = await send(jobsPost, viewer, {
      method: "POST",
      body: { format: "csv", snapshot: { name: `viewer ${randomUUID()}` } },
    });
    expect(snapshot.status).toBe(403);
  });
});

describe("datasets", () => {
  it("an editor freezes a snapshot that downloads byte for byte with its SHA-256; a viewer cannot create one", async () => {
    const name = `HTTP test ${randomUUID().slice(0, 8)}`;
    const body = { name, description: "From the HTTP test", format: "jsonl", filter: { stories: [storyKey] } };
    expect((await send(datasetsPost, viewer, { method: "POST", body })).status).toBe(403);

    const started = await send(datasetsPost, editor, { method: "POST", body });
    expect(started.status).toBe(202);
    const { job } = (await started.json()) as { job: { id: string } };
    await finishedJob(db, job.id);
    const done = (await (await send(jobGet, editor, { params: { id: job.id } })).json()) as {
      job: { status: string; result: { snapshotId: string } };
      dataset: string;
    };
    expect(done.job.status).toBe("DONE");
    const id = done.job.result.snapshotId;
    expect(done.dataset).toBe(`/api/datasets/${id}`);

    const listed = (await (await send(datasetsGet, viewer)).json()) as { datasets: { id: string; name: string }[] };
    expect(listed.datasets.find((d) => d.id === id)?.name).toBe(name);
    const { dataset } = (await (await send(datasetGet, viewer, { params: { id } })).json()) as {
      dataset: { sha256: string; byteSize: number; citation: string; filter: unknown; createdBy: { id: string } };
    };
    expect(dataset).toMatchObject({ filter: { stories: [storyKey] }, createdBy: { id: editor.id } });
    expect(dataset).not.toHaveProperty("filePath");
    expect(dataset.citation).toContain(dataset.sha256);

    // Everyone downloads the same bytes, twice, and they hash to the record.
    const first = await send(datasetFileGet, viewer, { params: { id } });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-length")).toBe(String(dataset.byteSize));
    expect(first.headers.get("repr-digest")).toBe(`sha-256=:${Buffer.from(dataset.sha256, "hex").toString("base64")}:`);
    const a = await bytesOf(first);
    const b = await bytesOf(await send(datasetFileGet, editor, { params: { id } }));
    expect(sha256(a)).toBe(dataset.sha256);
    expect(a.equals(b)).toBe(true);
    expect(a.toString("utf8")).toContain('"text":"Varnhamn"');
    // A snapshot job's file is the dataset's.
    const viaJob = await send(jobFileGet, editor, { params: { id: job.id } });
    expect(viaJob.status).toBe(303);
    expect(viaJob.headers.get("location")).toContain(`/api/datasets/${id}/file`);

    const verification = (await (await send(verificationGet, viewer, { params: { id } })).json()) as {
      verification: { ok: boolean };
    };
    expect(verification.verification.ok).toBe(true);

    const again = await send(datasetsPost, editor, { method: "POST", body });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("SNAPSHOT_NAME_TAKEN");
    expect((await send(datasetGet, viewer, { params: { id: randomUUID() } })).status).toBe(404);
  });
});

describe("GET /api/stories", () => {
  it("finds the demo story by a word of its Swedish version, with the facets", async () => {
    const res = await send(storiesGet, viewer, {}, "/api/stories?q=f%C3%A4rjorna&language=sv");
    expect(res.status).toBe(200);
    const result = (await res.json()) as {
      stories: { key: string; snippets: { language: string; match: string }[] }[];
      facets: { languages: { value: string; count: number }[] };
    };
    const hit = result.stories.find((s) => s.key === DEMO_STORY.key);
    expect(hit?.snippets[0]).toMatchObject({ language: "sv" });
    expect(hit?.snippets[0]?.match.toLowerCase()).toBe("färjorna");
  });
});
