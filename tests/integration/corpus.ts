/**
 * A test corpus (the fixture corpus unless another folder is named, see
 * tests/support/corpus-dir.ts): articles with their gold spans merged in by
 * external_id, as import JSONL.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import type { Db } from "@/lib/db";
import { corpusFile, FIXTURE_CORPUS_DIR } from "@/tests/support/corpus-dir";

export interface CorpusArticle {
  external_id: string;
  story: string;
  language: string;
  title?: string;
  outlet?: string;
  text: string;
  spans?: { start: number; end: number; text: string; kind: string; label?: string; entity?: string; claim?: string }[];
}

export function readJsonl<T>(file: string, dir: string = FIXTURE_CORPUS_DIR): T[] {
  return readFileSync(corpusFile(file, dir), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * The articles of a corpus with their gold spans. `prefix` makes external ids and
 * story keys distinct, so test files sharing a database do not meet.
 */
export function corpusArticles({
  prefix = "",
  spans = true,
  dir = FIXTURE_CORPUS_DIR,
}: { prefix?: string; spans?: boolean; dir?: string } = {}): CorpusArticle[] {
  const gold = new Map(
    readJsonl<{ external_id: string; spans: CorpusArticle["spans"] }>("gold-spans.jsonl", dir).map((g) => [
      g.external_id,
      g.spans,
    ]),
  );
  return readJsonl<CorpusArticle>("articles.jsonl", dir).map((a) => ({
    ...a,
    external_id: `${prefix}${a.external_id}`,
    story: `${prefix}${a.story}`,
    ...(spans ? { spans: gold.get(a.external_id) ?? [] } : {}),
  }));
}

export function toJsonl(lines: readonly unknown[]): string {
  return lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n";
}

/** Writes `content` to a file in a temporary folder removed after the test file. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parallax-import-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** Everything an import can touch, in a stable order, to compare before and after. */
export async function snapshot(db: Db) {
  const byId = { orderBy: { id: "asc" as const } };
  return {
    stories: await db.story.findMany(byId),
    articles: await db.article.findMany(byId),
    articleRevisions: await db.articleRevision.findMany(byId),
    spans: await db.span.findMany(byId),
    spanRevisions: await db.spanRevision.findMany(byId),
    entities: await db.entity.findMany(byId),
    aliases: await db.entityAlias.findMany(byId),
    claims: await db.claim.findMany(byId),
    labels: await db.label.findMany(byId),
  };
}
