/**
 * One import as the browser and the API send it: JSONL (optionally with a
 * spans file merged in by external_id) or a single document with its
 * metadata. Turns the request's fields into an `importJsonl` or
 * `importDocument` call, records an audit event, and returns one result
 * shape for both. No HTTP here: the route handler parses the request, runs
 * a document through here at once and JSONL as a job (./jobs.ts).
 */
import { z } from "zod";
import { audit, type AuditActor } from "../audit/log";
import type { Db } from "../db";
import { parseInput } from "../validation";
import { importDocument, type DocumentResult } from "./document";
import { DOCUMENT_FORMATS, type DocumentFormat } from "./documents";
import { importAuditDetail, importJsonl, type ImportProgress, type ImportReport, type JsonlSource } from "./jsonl";
import { readSpansFile, spansMerger, type SpansFileReport } from "./spans-file";

export const IMPORT_FORMATS = ["jsonl", ...DOCUMENT_FORMATS] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Form fields arrive as strings; blank means "not given". */
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Metadata of a single document (the JSONL lines carry their own). */
export const documentMetaSchema = z.object({
  language: z
    .string({ error: "is required (a BCP 47 tag such as sv, en, fr, zh-Hans, ar)" })
    .trim()
    .min(1, "is required (a BCP 47 tag such as sv, en, fr, zh-Hans, ar)"),
  story: optional(200),
  storyTitle: optional(500),
  title: optional(2000),
  outlet: optional(500),
  author: optional(500),
  url: optional(2000),
  published: optional(40),
  externalId: optional(500),
});
export type DocumentMeta = z.input<typeof documentMetaSchema>;

/** Options of a JSONL import (all optional). */
export const jsonlOptionsSchema = z.object({
  story: optional(200),
  storyTitle: optional(500),
  dryRun: z
    .union([z.boolean(), z.string()])
    .nullish()
    .transform((v) => v === true || v === "true" || v === "1" || v === "on"),
});
export type JsonlOptions = z.input<typeof jsonlOptionsSchema>;

export type UploadInput =
  | {
      format: "jsonl";
      source: JsonlSource;
      /** A spans file (gold-spans.jsonl format) merged in by external_id. */
      spans?: string | Uint8Array | null;
      options?: JsonlOptions;
      /** The uploaded file's name, if it came as a file. */
      fileName?: string | null;
    }
  | { format: DocumentFormat; content: string | Uint8Array; meta: DocumentMeta };

export type UploadResult =
  | { kind: "jsonl"; report: ImportReport; spansFile: SpansFileReport | null }
  | { kind: "document"; result: DocumentResult; story: { key: string; title: string } };

export interface UploadContext {
  actor: AuditActor;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

export async function importUpload(db: Db, input: UploadInput, ctx: UploadContext): Promise<UploadResult> {
  if (input.format === "jsonl") {
    const options = parseInput(jsonlOptionsSchema, input.options ?? {});
    const merger = input.spans ? spansMerger(await readSpansFile(input.spans)) : null;
    const report = await importJsonl(db, input.source, {
      actor: { id: ctx.actor.id },
      story: options.story ? { key: options.story, title: options.storyTitle ?? undefined } : undefined,
      dryRun: options.dryRun,
      onProgress: ctx.onProgress,
      progressIntervalMs: 200,
      signal: ctx.signal,
      transformLine: merger?.merge,
      auditActor: ctx.actor,
    });
    if (!report.dryRun) {
      await audit(db, {
        action: "article.import",
        actor: ctx.actor,
        detail: importAuditDetail(report),
      });
    }
    return { kind: "jsonl", report, spansFile: merger?.report() ?? null };
  }

  const meta = parseInput(documentMetaSchema, input.meta);
  const result = await importDocument(
    db,
    {
      format: input.format,
      content: input.content,
      language: meta.language,
      story: meta.story ? { key: meta.story, title: meta.storyTitle ?? undefined } : undefined,
      title: meta.title,
      outlet: meta.outlet,
      author: meta.author,
      url: meta.url,
      published: meta.published,
      externalId: meta.externalId,
    },
    { actor: { id: ctx.actor.id } },
  );
  const story = await db.story.findUniqueOrThrow({ where: { id: result.storyId }, select: { key: true, title: true } });
  if (result.action !== "skipped") {
    await audit(db, {
      action: "article.import",
      actor: ctx.actor,
      target: { type: "article", id: result.articleId },
      detail: { format: input.format, action: result.action, story: story.key },
    });
  }
  return { kind: "document", result, story };
}

/** The existing stories an editor can add a document to, most recent first. */
export async function storyChoices(db: Db, take = 500): Promise<{ key: string; title: string }[]> {
  return db.story.findMany({
    orderBy: [{ updatedAt: "desc" }, { key: "asc" }],
    take,
    select: { key: true, title: true },
  });
}

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}
