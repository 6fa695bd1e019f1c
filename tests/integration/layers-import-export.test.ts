/**
 * Annotation layers through import and export: imported spans that name an
 * annotator go into that annotator's own layer (and assign them the version);
 * exports choose a layer (curated by default where a version has one);
 * Parallax JSONL carries layer and provenance and imports back unchanged.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptAgreed } from "@/lib/curation/accept";
import { seedTaxonomy } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import { importJsonl } from "@/lib/import";
import { testDb } from "./db";
import { exportBytes } from "./support/export-helpers";
import { createUser } from "./support/users";

const db = testDb();
const url = process.env.DATABASE_URL!;

const TEXT = "Ingrid Halvorsen besökte Kiel i maj. Hamnen i Kiel 🚢 var full.";
const storyKey = `layers-${randomUUID().slice(0, 8)}`;

let ann: { id: string; email: string };
let bo: { id: string; email: string };
let curator: { id: string; email: string };

const span = (quote: string, label: string, extra: Record<string, unknown> = {}, from = 0) => {
  const at = TEXT.indexOf(quote, from);
  const start = [...TEXT.slice(0, at)].length;
  return { start, end: start + [...quote].length, text: quote, kind: "entity", label, ...extra };
};

type Line = { spans: Record<string, unknown>[] };
const lineOf = (text: string): Line => JSON.parse(text.trim().split("\n")[0]!) as Line;

beforeAll(async () => {
  await seedTaxonomy(db);
  ann = await createUser(db, "EDITOR");
  bo = await createUser(db, "EDITOR");
  curator = await createUser(db, "ADMIN");
});

describe("annotation layers in import and export", () => {
  it("puts spans that name an annotator into that annotator's layer, and assigns them the version", async () => {
    const line = {
      story: storyKey,
      language: "sv",
      text: TEXT,
      spans: [
        span("Ingrid Halvorsen", "PERSON", { annotator: ann.email.toUpperCase() }),
        span("Kiel", "GPE", { annotator: ann.email }),
        span("Ingrid Halvorsen", "PERSON", { annotator: bo.email }),
        span("Kiel", "ORG", { annotator: bo.email }),
        span("Hamnen", "GPE", { annotator: bo.email }),
      ],
    };
    const report = await importJsonl(db, { content: JSON.stringify(line) }, { actor: { id: curator.id } });
    expect(report.rejected).toEqual([]);
    expect(report.spans).toBe(5);
    const article = await db.article.findFirstOrThrow({ where: { story: { key: storyKey } } });
    const spans = await db.span.findMany({
      where: { articleId: article.id },
      select: { layer: true, layerOwnerId: true },
    });
    expect(spans.filter((s) => s.layerOwnerId === ann.id)).toHaveLength(2);
    expect(spans.filter((s) => s.layerOwnerId === bo.id)).toHaveLength(3);
    expect(spans.every((s) => s.layer === "ANNOTATOR")).toBe(true);
    const assignments = await db.assignment.findMany({ where: { articleId: article.id }, orderBy: { userId: "asc" } });
    expect(assignments.map((a) => [a.userId, a.mode]).sort()).toEqual(
      [
        [ann.id, "INDEPENDENT"],
        [bo.id, "INDEPENDENT"],
      ].sort(),
    );
  });

  it("rejects a line whose annotator is no account", async () => {
    const line = {
      story: `${storyKey}-x`,
      language: "en",
      text: "Nobody annotated this.",
      spans: [{ start: 0, end: 6, text: "Nobody", kind: "entity", label: "PERSON", annotator: "ghost@nowhere.test" }],
    };
    const report = await importJsonl(db, { content: JSON.stringify(line) });
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.reason).toContain("ghost@nowhere.test");
  });

  it("exports the curated layer by default once there is one, an annotator's on request", async () => {
    // Before curation: the default is the shared layer, which is empty here.
    expect(lineOf((await exportBytes(db, url, "jsonl", { stories: [storyKey] })).text).spans).toEqual([]);

    const article = await db.article.findFirstOrThrow({ where: { story: { key: storyKey } } });
    const result = await acceptAgreed(db, { id: curator.id }, [article.id]);
    expect(result.accepted).toBe(1); // only "Ingrid Halvorsen" / PERSON is the same in both layers

    const curated = lineOf((await exportBytes(db, url, "jsonl", { stories: [storyKey] })).text).spans;
    expect(curated).toHaveLength(1);
    expect(curated[0]).toMatchObject({
      text: "Ingrid Halvorsen",
      label: "PERSON",
      layer: "curated",
      accepted_by: curator.email,
    });
    // Both proposed it (imported at the same moment): it names one of them.
    expect([ann.email, bo.email]).toContain(curated[0]!.proposed_by);
    expect(curated[0]!.source_span).toMatch(/^[0-9a-f-]{36}$/);
    expect(lineOf((await exportBytes(db, url, "jsonl", { stories: [storyKey], layer: "curated" })).text).spans).toEqual(
      curated,
    );

    const bos = lineOf((await exportBytes(db, url, "jsonl", { stories: [storyKey], layer: bo.email })).text).spans;
    expect(bos.map((s) => [s.text, s.label, s.layer, s.annotator])).toEqual([
      ["Ingrid Halvorsen", "PERSON", "annotator", bo.email],
      ["Kiel", "ORG", "annotator", bo.email],
      ["Hamnen", "GPE", "annotator", bo.email],
    ]);
    expect(lineOf((await exportBytes(db, url, "jsonl", { stories: [storyKey], layer: "shared" })).text).spans).toEqual(
      [],
    );
    await expect(exportBytes(db, url, "jsonl", { layer: "nobody@nowhere.test" })).rejects.toThrow(/unknown layer/);
  });

  it("keeps other annotators' work and the curated layer from an annotator still at work", async () => {
    // Ann has not marked her assignment done: the default gives her the shared layer only.
    const asAnn = { viewerId: ann.id, readsAllLayers: false };
    expect(lineOf((await exportBytes(db, url, "jsonl", { stories: [storyKey] }, asAnn)).text).spans).toEqual([]);
    const own = lineOf((await exportBytes(db, url, "jsonl", { stories: [storyKey], layer: ann.email }, asAnn)).text);
    expect(own.spans.map((s) => s.annotator)).toEqual([ann.email, ann.email]);
    await expect(exportBytes(db, url, "jsonl", { stories: [storyKey], layer: bo.email }, asAnn)).rejects.toThrow(
      AppError,
    );
    await expect(exportBytes(db, url, "jsonl", { stories: [storyKey], layer: "all" }, asAnn)).rejects.toThrow(AppError);
    // Once done, she sees the curated result.
    await db.assignment.updateMany({ where: { userId: ann.id }, data: { status: "DONE" } });
    expect(lineOf((await exportBytes(db, url, "jsonl", { stories: [storyKey] }, asAnn)).text).spans).toHaveLength(1);
  });

  it("round-trips every layer with its provenance through Parallax JSONL", async () => {
    const before = (await exportBytes(db, url, "jsonl", { stories: [storyKey], layer: "all" })).text;
    expect(lineOf(before).spans).toHaveLength(6);
    await db.story.delete({ where: { key: storyKey } });
    const report = await importJsonl(db, { content: before }, { actor: { id: curator.id } });
    expect(report.rejected).toEqual([]);
    expect(report.spans).toBe(6);
    const after = (await exportBytes(db, url, "jsonl", { stories: [storyKey], layer: "all" })).text;
    expect(after).toBe(before);
  });
});
