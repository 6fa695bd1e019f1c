/**
 * What the export and dataset route handlers share: reading an export request
 * (JSON, or a form post from the export page), the download headers, and a
 * Node stream as a response body, starting an export job. Authorization stays
 * in route(); the role only scopes what a permitted export reads.
 */
import { Readable } from "node:stream";
import type { NextRequest } from "next/server";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/sessions";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { FORMAT_IDS, startExportJob } from "@/lib/export";
import { findInvalidText, invalidTextError, readJson } from "@/lib/http/input";
import { parseInput } from "@/lib/validation";

const format = z.string({ error: `format is required (one of ${FORMAT_IDS.join(", ")})` }).min(1);

export const exportRequestSchema = z.strictObject({
  format,
  filter: z.record(z.string(), z.unknown()).optional(),
});

export const jobRequestSchema = exportRequestSchema.extend({
  snapshot: z
    .strictObject({ name: z.string(), description: z.string().nullish(), agreement: z.boolean().optional() })
    .optional(),
});

export const snapshotRequestSchema = exportRequestSchema.extend({
  name: z.string({ error: "name is required" }),
  description: z.string().nullish(),
  /** Freeze the agreement report over the snapshot's articles beside it. */
  agreement: z.boolean().optional(),
});

/**
 * The request body as JSON, or — from a plain HTML form, which is how the
 * export page downloads without holding the file in memory — as form fields
 * `format` and `filter` (the filter as a JSON string).
 */
export async function readBody<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  let value: unknown;
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    const form = await req.formData();
    const filter = form.get("filter");
    let parsedFilter: unknown;
    try {
      parsedFilter = typeof filter === "string" && filter.trim() ? JSON.parse(filter) : undefined;
    } catch {
      throw new AppError("INVALID_INPUT", "filter: not valid JSON.", 400);
    }
    value = { format: form.get("format") ?? undefined, ...(parsedFilter !== undefined && { filter: parsedFilter }) };
    const badField = findInvalidText(value);
    if (badField !== null) throw invalidTextError(badField);
  } else {
    value = await readJson(req);
  }
  return parseInput(schema, value);
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266), safe for any name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function downloadHeaders(fileName: string, mediaType: string, extra: Record<string, string> = {}): Headers {
  return new Headers({
    "Content-Type": mediaType,
    "Content-Disposition": contentDisposition(fileName),
    // Private data; never cached, never re-encoded on the way (the bytes are what is hashed).
    "Cache-Control": "private, no-store, no-transform",
    "X-Content-Type-Options": "nosniff",
    ...extra,
  });
}

/** Headers proving a stored file's identity: its SHA-256 (hex, and as RFC 9530 Repr-Digest) and size. */
export function digestHeaders(sha256: string, bytes: number): Record<string, string> {
  return {
    "Content-Length": String(bytes),
    "X-Parallax-SHA256": sha256,
    "Repr-Digest": `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`,
  };
}

export function webStream(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

export function actorOf(user: CurrentUser): { id: string; email: string } {
  return { id: user.id, email: user.email };
}

/**
 * Starts an export job for `user` and answers 202 with it (Location: its
 * progress). What the export may read follows the user's role: every layer
 * and the agreement report for assignment managers, annotators' e-mails for
 * user managers.
 */
export async function acceptExportJob(
  input: Parameters<typeof startExportJob>[1],
  user: CurrentUser,
): Promise<Response> {
  const job = await startExportJob(db, input, actorOf(user), {
    readsAllLayers: can(user, "assignment.manage"),
    annotatorEmails: can(user, "user.manage"),
    readsAgreement: can(user, "assignment.manage"),
  });
  return new Response(JSON.stringify({ job }), {
    status: 202,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "private, no-store, no-transform",
      Location: `/api/exports/${job.id}`,
    },
  });
}

/** A download name for an export: the story's key when it is one story, else the date. */
export function exportFileBase(filter: { stories?: string[] }): string {
  const subject =
    filter.stories?.length === 1
      ? filter.stories[0]!.replace(/[^\p{L}\p{N}._-]+/gu, "-")
      : new Date().toISOString().slice(0, 10);
  // The extension names the format (.csv, .webanno.jsonl): the base does not repeat it.
  return `parallax-${subject}`;
}
