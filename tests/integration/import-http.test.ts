/**
 * POST /api/import over HTTP semantics (route handler called as Next.js
 * would): API tokens and sessions, JSONL as a raw body or a multipart upload
 * with a spans file — run as a job by a real worker: 202 and the job, or
 * the result with ?wait=true, or NDJSON progress — single documents at
 * once, refusals.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/generated/prisma/enums";
import { POST } from "@/app/api/import/route";
import { GET as getJob } from "@/app/api/imports/[id]/route";
import { GET as listJobs } from "@/app/api/imports/route";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { corpusArticles, toJsonl } from "./corpus";
import { testDb } from "./db";
import { scratchDir } from "./support/export-helpers";
import { finishedJob, jobWorker } from "./support/jobs";
import { createUser, sessionCookie } from "./support/users";
import { corpusFile } from "@/tests/support/corpus-dir";

const db = testDb();
// Stored uploads go to a folder of this file's own.
const previousDataDir = process.env.PARALLAX_DATA_DIR;
const dataDir = scratchDir("parallax-import-http");
process.env.PARALLAX_DATA_DIR = dataDir;
jobWorker({ dataDir });
afterAll(() => {
  if (previousDataDir === undefined) delete process.env.PARALLAX_DATA_DIR;
  else process.env.PARALLAX_DATA_DIR = previousDataDir;
});

async function tokenFor(role: Role): Promise<string> {
  const user = await createUser(db, role);
  return (await createApiToken(db, user.id, "import-http")).token;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
type Body = any;

async function post(
  body: BodyInit | null,
  headers: Record<string, string>,
  search = "?wait=true",
): Promise<{ status: number; text: string; json: () => Body; type: string | null; location: string | null }> {
  const req = new NextRequest(`http://localhost/api/import${search}`, { method: "POST", headers, body });
  const res = await POST(req, { params: Promise.resolve({}) });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: () => JSON.parse(text),
    type: res.headers.get("content-type"),
    location: res.headers.get("location"),
  };
}

async function get(handler: typeof getJob | typeof listJobs, url: string, token: string, id?: string) {
  const req = new NextRequest(`http://localhost${url}`, { headers: { authorization: `Bearer ${token}` } });
  const res = await (handler as typeof getJob)(req, { params: Promise.resolve({ id: id ?? "" }) });
  return { status: res.status, json: (await res.json()) as Body };
}

/** The gold spans file with external ids prefixed like the articles. */
function goldSpans(prefix: string, extra: unknown[] = []): string {
  const lines = readFileSync(corpusFile("gold-spans.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => {
      const g = JSON.parse(l) as { external_id: string };
      return { ...g, external_id: prefix + g.external_id };
    });
  return toJsonl([...lines, ...extra]);
}

function goldSpanCount(): number {
  return corpusArticles().reduce((n, a) => n + (a.spans?.length ?? 0), 0);
}

let editor: string;
let viewer: string;
beforeAll(async () => {
  editor = await tokenFor("EDITOR");
  viewer = await tokenFor("VIEWER");
});

describe("POST /api/import with JSONL", () => {
  it("imports a raw NDJSON body with an API token, and a second time changes nothing", async () => {
    const prefix = `http-raw-${randomBytes(3).toString("hex")}-`;
    const body = toJsonl(corpusArticles({ prefix }));
    const auth = { authorization: `Bearer ${editor}`, "content-type": "application/x-ndjson" };
    const first = await post(body, auth);
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({
      kind: "jsonl",
      report: { imported: 6, updated: 0, skipped: 0, rejected: [], spans: goldSpanCount() },
      spansFile: null,
    });
    const articles = await db.article.count({ where: { externalId: { startsWith: prefix } } });
    const spans = await db.span.count({ where: { article: { externalId: { startsWith: prefix } } } });
    expect(articles).toBe(6);

    const again = await post(body, auth);
    expect(again.json().report).toMatchObject({ imported: 0, updated: 0, skipped: 6, rejected: [], spans: 0 });
    expect(await db.article.count({ where: { externalId: { startsWith: prefix } } })).toBe(articles);
    expect(await db.span.count({ where: { article: { externalId: { startsWith: prefix } } } })).toBe(spans);
  });

  it("merges a spans file by external_id in a multipart upload and says which spans lines matched nothing", async () => {
    const prefix = `http-multi-${randomBytes(3).toString("hex")}-`;
    const form = new FormData();
    form.set("file", new File([toJsonl(corpusArticles({ prefix, spans: false }))], "articles.jsonl"));
    form.set(
      "spans",
      new File([goldSpans(prefix, [{ external_id: `${prefix}nowhere`, spans: [] }, "{oops"])], "gold.jsonl"),
    );
    const res = await post(form, { authorization: `Bearer ${editor}` });
    expect(res.status).toBe(200);
    const { report, spansFile } = res.json();
    expect(report).toMatchObject({ imported: 6, rejected: [], spans: goldSpanCount() });
    expect(spansFile).toMatchObject({ lines: 8, matched: 6, unmatched: [{ line: 7, externalId: `${prefix}nowhere` }] });
    expect(spansFile.rejected).toEqual([{ line: 8, reason: expect.stringContaining("not valid JSON") }]);

    const city = await db.span.findFirst({
      where: { article: { externalId: `${prefix}fx-tidal-sv` }, quote: "Göteborg" },
      include: { entity: true, label: true },
    });
    expect(city?.label?.key).toBe("GPE");
    expect(city?.entity?.key).toBe("gothenburg");
  });

  it("reports each bad line with its number and reason and imports the good ones", async () => {
    const prefix = `http-bad-${randomBytes(3).toString("hex")}-`;
    const [a, b] = corpusArticles({ prefix, spans: false });
    const lines = [
      a,
      { ...b, language: "not a language!" },
      { ...b, external_id: `${prefix}empty`, text: "   \n" },
      {
        ...b,
        external_id: `${prefix}range`,
        spans: [{ start: 0, end: 999_999, text: "x", kind: "entity", label: "ORG" }],
      },
      {
        ...b,
        external_id: `${prefix}quote`,
        spans: [{ start: 0, end: 5, text: "Nope!", kind: "entity", label: "ORG" }],
      },
      "this is not json",
      b,
    ];
    const res = await post(toJsonl(lines), {
      authorization: `Bearer ${editor}`,
      "content-type": "application/x-ndjson",
    });
    const { report } = res.json();
    expect(report.imported).toBe(2);
    expect(report.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 4, 5, 6]);
    const reasons = report.rejected.map((r: { reason: string }) => r.reason);
    expect(reasons[0]).toMatch(/language/i);
    expect(reasons[1]).toMatch(/empty/i);
    expect(reasons[2]).toMatch(/spans\[0\].*(range|beyond|length)/i);
    expect(reasons[3]).toMatch(/spans\[0\]/);
    expect(reasons[4]).toMatch(/not valid JSON/);
    expect(await db.article.count({ where: { externalId: { startsWith: prefix } } })).toBe(2);
  });

  it("streams progress as NDJSON when asked, ending with the result", async () => {
    const prefix = `http-progress-${randomBytes(3).toString("hex")}-`;
    const body = toJsonl(corpusArticles({ prefix }));
    const res = await post(
      body,
      {
        authorization: `Bearer ${editor}`,
        "content-type": "application/x-ndjson",
        "content-length": String(Buffer.byteLength(body)),
        accept: "application/x-ndjson",
      },
      "",
    );
    expect(res.status).toBe(200);
    expect(res.type).toContain("application/x-ndjson");
    const events = res.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
    expect(events[0]).toMatchObject({ type: "started", format: "jsonl" });
    expect(events.some((e) => e.type === "progress")).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "result", kind: "jsonl", report: { imported: 6 } });
    const last = events.filter((e) => e.type === "progress").at(-1)!;
    expect(last.bytes).toBe(Buffer.byteLength(body));
    expect(last.totalBytes).toBe(Buffer.byteLength(body));
  });

  it("a dry run writes nothing", async () => {
    const prefix = `http-dry-${randomBytes(3).toString("hex")}-`;
    const res = await post(
      toJsonl(corpusArticles({ prefix })),
      { authorization: `Bearer ${editor}`, "content-type": "application/x-ndjson" },
      "?dryRun=1&wait=true",
    );
    expect(res.json().report).toMatchObject({ imported: 6, dryRun: true });
    expect(await db.article.count({ where: { externalId: { startsWith: prefix } } })).toBe(0);
  });
});

describe("POST /api/import as a job", () => {
  it("answers 202 with the job and its Location; the job finishes on the worker and its report stays readable", async () => {
    const prefix = `http-job-${randomBytes(3).toString("hex")}-`;
    const body = toJsonl(corpusArticles({ prefix }));
    const res = await post(
      body,
      { authorization: `Bearer ${editor}`, "content-type": "application/x-ndjson" },
      "?fileName=articles.jsonl",
    );
    expect(res.status).toBe(202);
    const { job } = res.json();
    expect(job).toMatchObject({ status: "QUEUED", fileName: "articles.jsonl", bytes: Buffer.byteLength(body) });
    expect(res.location).toBe(`/api/imports/${job.id}`);

    const row = await finishedJob(db, job.id);
    expect(row.status).toBe("DONE");
    expect(row.filePath).toBeNull();
    // The stored upload is gone once the job has ended.
    expect(readdirSync(path.join(dataDir, "imports")).filter((f) => f.startsWith(job.id))).toEqual([]);
    expect(existsSync(path.join(dataDir, "imports", `${job.id}.jsonl`))).toBe(false);

    const polled = await get(getJob, res.location!, editor, job.id);
    expect(polled.status).toBe(200);
    expect(polled.json.job).toMatchObject({
      id: job.id,
      status: "DONE",
      progress: null,
      result: { kind: "jsonl", report: { imported: 6, rejected: [], spans: goldSpanCount() } },
    });
    const listed = await get(listJobs, "/api/imports", editor);
    expect(listed.json.jobs.map((j: { id: string }) => j.id)).toContain(job.id);

    // Another editor's job does not exist for this one; an admin sees it.
    const other = await tokenFor("EDITOR");
    expect((await get(getJob, res.location!, other, job.id)).status).toBe(404);
    expect((await get(listJobs, "/api/imports", other)).json.jobs).toEqual([]);
    const admin = await tokenFor("ADMIN");
    expect((await get(getJob, res.location!, admin, job.id)).json.job.status).toBe("DONE");

    const events = await db.auditEvent.findMany({ where: { targetType: "Job", targetId: job.id } });
    expect(events.map((e) => e.action).sort()).toEqual([
      "article.import",
      "article.import.batch",
      "article.import.started",
    ]);
  });

  it("refuses a bad option or spans file before anything is stored or queued", async () => {
    const before = await db.job.count({ where: { kind: "IMPORT" } });
    const form = new FormData();
    form.set("file", new File([toJsonl(corpusArticles({ prefix: "never-" }))], "articles.jsonl"));
    form.set("story", "x".repeat(201));
    const res = await post(form, { authorization: `Bearer ${editor}` }, "");
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(/story/);
    expect(await db.job.count({ where: { kind: "IMPORT" } })).toBe(before);
  });
});

describe("POST /api/import with one document", () => {
  it("stores HTML as its text: scripts dropped, an escaped <script> kept as text", async () => {
    const story = `http-doc-${randomBytes(3).toString("hex")}`;
    const html =
      "<html><head><title>Markup test</title><script>window.pwned = 1</script></head>" +
      "<body><h1>Heading</h1><p>Editors write &lt;script&gt; in prose.</p><script>alert(1)</script></body></html>";
    const res = await post(JSON.stringify({ format: "html", content: html, language: "en", story, outlet: "Desk" }), {
      authorization: `Bearer ${editor}`,
      "content-type": "application/json",
    });
    expect(res.status).toBe(201);
    const { result, story: created } = res.json();
    expect(result.action).toBe("imported");
    expect(created.key).toBe(story);
    const article = await db.article.findUniqueOrThrow({ where: { id: result.articleId } });
    expect(article.title).toBe("Markup test");
    expect(article.text).toContain("Editors write <script> in prose.");
    expect(article.text).not.toContain("alert");
    expect(article.text).not.toContain("pwned");

    const again = await post(JSON.stringify({ format: "html", content: html, language: "en", story }), {
      authorization: `Bearer ${editor}`,
      "content-type": "application/json",
    });
    expect(again.status).toBe(200);
    expect(again.json().result).toMatchObject({ action: "skipped", articleId: result.articleId });
  });

  it("takes a text/plain body with metadata in the query, the literal <script> kept", async () => {
    const story = `http-txt-${randomBytes(3).toString("hex")}`;
    const res = await post(
      "Le <script> reste du texte.\r\nDeuxième ligne.",
      { authorization: `Bearer ${editor}`, "content-type": "text/plain; charset=utf-8" },
      `?language=fr-fr&story=${story}&title=Titre&published=2024-05-14`,
    );
    expect(res.status).toBe(201);
    const article = await db.article.findUniqueOrThrow({ where: { id: res.json().result.articleId } });
    expect(article).toMatchObject({
      language: "fr-FR",
      title: "Titre",
      text: "Le <script> reste du texte.\nDeuxième ligne.",
    });
  });

  it("refuses what it cannot import with a clear reason", async () => {
    const auth = { authorization: `Bearer ${editor}` };
    const noLanguage = await post(JSON.stringify({ format: "txt", content: "Hello" }), {
      ...auth,
      "content-type": "application/json",
    });
    expect(noLanguage.status).toBe(400);
    expect(noLanguage.json().error.message).toMatch(/^language: is required/);

    const badLanguage = await post("Hello", { ...auth, "content-type": "text/plain" }, "?language=xx-!!");
    expect(badLanguage.status).toBe(422);
    expect(badLanguage.json().error.code).toBe("INVALID_LANGUAGE");

    const tooLong = await post(
      "a".repeat(2 * 1024 * 1024 + 1),
      { ...auth, "content-type": "text/plain" },
      "?language=en",
    );
    expect(tooLong.status).toBe(413);
    expect(tooLong.json().error.message).toMatch(/too large.*limit is 2\.0 MiB/);

    const declaredHuge = await post(
      "x",
      { ...auth, "content-type": "text/plain", "content-length": String(17 * 1024 * 1024) },
      "?language=en",
    );
    expect(declaredHuge.status).toBe(413);

    const unsupported = await post("x", { ...auth, "content-type": "application/pdf" });
    expect(unsupported.status).toBe(415);

    const empty = new FormData();
    empty.set("text", "  ");
    const nothing = await post(empty, auth);
    expect(nothing.status).toBe(422);
    expect(nothing.json().error.message).toMatch(/choose a file or paste/);
  });
});

describe("POST /api/import authorization", () => {
  it("refuses viewers and anonymous callers, and cookie posts from another site", async () => {
    const body = JSON.stringify({ format: "txt", content: "x", language: "en" });
    const asViewer = await post(body, { authorization: `Bearer ${viewer}`, "content-type": "application/json" });
    expect(asViewer.status).toBe(403);
    const anonymous = await post(body, { "content-type": "application/json" });
    expect(anonymous.status).toBe(401);

    const user = await createUser(db, "EDITOR");
    const { cookie } = await sessionCookie(db, user.id);
    const crossSite = await post(body, { cookie, origin: "https://evil.example", "content-type": "application/json" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.json().error.code).toBe("CROSS_SITE_REQUEST");
    const sameSite = await post(
      JSON.stringify({ format: "txt", content: `cookie ${randomBytes(4).toString("hex")}`, language: "en" }),
      {
        cookie,
        origin: "http://localhost",
        "content-type": "application/json",
      },
    );
    expect(sameSite.status).toBe(201);
  });
});
