/**
 * `npm run cli -- export` and `datasets`, run as a user runs them (a child
 * process on DATABASE_URL): data on stdout, progress on stderr, exit codes.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedDemoNewsroom } from "@/lib/demo/seed";
import { previewExport } from "@/lib/export";
import { exportBytes, scratchDir } from "./support/export-helpers";
import { seedUnicodeFixtures, UNICODE_STORY, exportTestDatabase } from "./support/export-fixtures";

const ctx = exportTestDatabase("export_cli", async (db) => {
  await seedDemoNewsroom(db);
  return seedUnicodeFixtures(db);
});
const root = path.resolve(import.meta.dirname, "../..");
const dataDir = scratchDir("parallax-cli-datasets");
const outDir = scratchDir("parallax-cli");

function cli(args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: ctx.url, PARALLAX_DATA_DIR: dataDir },
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

describe("npm run cli -- export", () => {
  it("writes the export to stdout and nothing else; progress and summary go to stderr", async () => {
    const filter = { stories: [UNICODE_STORY], languages: ["he", "zh-Hans"] };
    const { code, stdout, stderr } = await cli([
      "export",
      "--format",
      "webanno",
      "--story",
      UNICODE_STORY,
      "--language",
      "he",
      "--language",
      "zh-Hans",
      "--out",
      "-",
    ]);
    expect(code).toBe(0);
    const expected = await exportBytes(ctx.db, ctx.url, "webanno", filter);
    expect(stdout.equals(expected.bytes)).toBe(true);
    expect(stderr).toContain(`sha256 ${expected.result.sha256}`);
  }, 120_000);

  it("writes a file, previews counts, and refuses a bad filter with exit status 2", async () => {
    const file = path.join(outDir, "labels.csv");
    const written = await cli([
      "export",
      "--format",
      "csv",
      "--label",
      "PERSON",
      "--label",
      "GPE",
      "--out",
      file,
      "--stats-json",
    ]);
    expect(written.code).toBe(0);
    const expected = await exportBytes(ctx.db, ctx.url, "csv", { labels: ["GPE", "PERSON"] });
    expect(readFileSync(file).equals(expected.bytes)).toBe(true);
    const stats = JSON.parse(written.stderr.trim().split("\n").at(-1)!);
    expect(stats).toMatchObject({
      format: "csv",
      spans: expected.result.counts.spans.total,
      bytes: expected.bytes.length,
    });
    expect(stats.maxRssBytes).toBeGreaterThan(0);

    const preview = await cli(["export", "--preview", "--kind", "claim", "--status", "approved"]);
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout.toString())).toEqual(
      JSON.parse(JSON.stringify(await previewExport(ctx.db, { kinds: ["claim"], reviewStatuses: ["APPROVED"] }))),
    );

    const bad = await cli(["export", "--format", "jsonl", "--story", "no-such-story", "--out", "-"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout.length).toBe(0);
    expect(bad.stderr).toContain("unknown stories: no-such-story");
  }, 180_000);

  it("freezes a snapshot that `datasets get` returns byte for byte", async () => {
    const made = await cli([
      "export",
      "--format",
      "claimreview",
      "--snapshot",
      "Fact checks, March",
      "--actor",
      "alice@fixtures.test",
    ]);
    expect(made.code).toBe(0);
    const info = JSON.parse(made.stdout.toString());
    const expected = await exportBytes(ctx.db, ctx.url, "claimreview");
    expect(info).toMatchObject({ name: "Fact checks, March", sha256: expected.result.sha256 });

    const got = await cli(["datasets", "get", "Fact checks, March", "--out", "-"]);
    expect(got.code).toBe(0);
    expect(got.stdout.equals(expected.bytes)).toBe(true);
    expect((await cli(["datasets", "verify", "Fact checks, March"])).stdout.toString()).toContain(`ok ${info.sha256}`);
    const again = await cli(["export", "--format", "csv", "--snapshot", "Fact checks, March"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
  }, 180_000);
});
