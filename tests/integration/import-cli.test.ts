/**
 * `npm run cli -- import`, run as a user runs it (a child process): a spans
 * file merged by external_id as on the Import page, and the exit status of a
 * command the CLI does not know.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempFile } from "./corpus";
import { testDb } from "./db";

const db = testDb();
const root = path.resolve(import.meta.dirname, "../..");

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout: out, stderr: err }));
  });
}

describe("npm run cli -- import", () => {
  it("takes --spans FILE and merges its spans into the articles by external_id", async () => {
    const articles = tempFile(
      "articles.jsonl",
      [
        { external_id: "cli-spans-1", story: "cli-spans", language: "en", text: "Tallinn welcomed the ferry." },
        { external_id: "cli-spans-2", story: "cli-spans", language: "sv", text: "Tallinn välkomnade färjan." },
      ]
        .map((l) => JSON.stringify(l))
        .join("\n"),
    );
    const spans = tempFile(
      "spans.jsonl",
      [
        { external_id: "cli-spans-1", spans: [{ start: 0, end: 7, text: "Tallinn", kind: "entity", label: "GPE" }] },
        { external_id: "cli-spans-2", spans: [{ start: 0, end: 7, text: "Tallinn", kind: "entity", label: "GPE" }] },
        { external_id: "cli-spans-none", spans: [] },
      ]
        .map((l) => JSON.stringify(l))
        .join("\n"),
    );
    const { code, stdout, stderr } = await cli(["import", articles, "--spans", spans, "--quiet"]);
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/spans 2\b/);
    expect(stdout).toContain("spans file: 3 line(s), 2 matched an article, 1 did not");
    expect(stdout).toContain('no article with external_id "cli-spans-none"');
    const stored = await db.span.findMany({
      where: { article: { externalId: { in: ["cli-spans-1", "cli-spans-2"] } } },
    });
    expect(stored.map((s) => s.quote)).toEqual(["Tallinn", "Tallinn"]);
  }, 120_000);

  it("exits 2 with the usage for an unknown command", async () => {
    const { code, stderr } = await cli(["no-such-command"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command: no-such-command");
    expect(stderr).toContain("usage: npm run cli -- COMMAND");
  }, 120_000);
});
