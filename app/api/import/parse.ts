/**
 * Reads a POST /api/import request into an UploadInput (docs/import-api.md):
 *
 * - multipart/form-data (the /import page, scripts with files): `file` or
 *   `text`, optional `format`, optional `spans` file, metadata fields;
 *   bounded by MAX_UPLOAD_BYTES because the form is parsed in memory;
 * - application/x-ndjson (or jsonl): the JSONL itself, streamed, no total limit;
 * - text/plain, text/markdown, text/html: one document, metadata in the query;
 * - application/json: one document, `{ format, content, language, … }`.
 */
import type { NextRequest } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ImportError } from "@/lib/import/errors";
import { formatFromFileName } from "@/lib/import/documents";
import { MAX_DOCUMENT_BYTES, MAX_LINE_BYTES, MAX_UPLOAD_BYTES, describeBytes } from "@/lib/import/limits";
import { isImportFormat, type DocumentMeta, type ImportFormat, type UploadInput } from "@/lib/import/upload";
import { findInvalidText, invalidTextError } from "@/lib/http/input";
import { parseInput } from "@/lib/validation";

const JSONL_TYPES = new Set([
  "application/x-ndjson",
  "application/jsonl",
  "application/jsonlines",
  "application/x-jsonlines",
]);
const DOCUMENT_TYPES: Record<string, "txt" | "md" | "html"> = {
  "text/plain": "txt",
  "text/markdown": "md",
  "text/html": "html",
};
const META_FIELDS = [
  "language",
  "story",
  "storyTitle",
  "title",
  "outlet",
  "author",
  "url",
  "published",
  "externalId",
] as const;

export async function readImportRequest(req: NextRequest): Promise<UploadInput> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const query = req.nextUrl.searchParams;
  if (type === "multipart/form-data") return fromForm(await readForm(req));
  if (JSONL_TYPES.has(type)) {
    if (!req.body) throw new ImportError("EMPTY_TEXT", "the request has no body: send the JSONL as the body");
    return {
      format: "jsonl",
      source: { stream: req.body as unknown as AsyncIterable<Uint8Array>, totalBytes: contentLength(req) },
      options: { story: query.get("story"), storyTitle: query.get("storyTitle"), dryRun: query.get("dryRun") },
      fileName: query.get("fileName"),
    };
  }
  const documentFormat = DOCUMENT_TYPES[type];
  if (documentFormat) {
    const content = await readBytes(req, MAX_DOCUMENT_BYTES, "the document");
    return { format: documentFormat, content, meta: metaFrom((name) => query.get(name)) };
  }
  if (type === "application/json") {
    // Streamed and refused as soon as it passes the limit: never held whole first.
    const bytes = await readBytes(req, MAX_JSON_DOCUMENT_BYTES, "the JSON document");
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      throw new AppError("INVALID_JSON", "The request body is not valid JSON.", 400);
    }
    const badField = findInvalidText(value);
    if (badField !== null) throw invalidTextError(badField);
    const { format, content, ...meta } = parseInput(jsonDocument, value);
    return { format, content, meta: meta as DocumentMeta };
  }
  throw new ImportError(
    "UNSUPPORTED_FORMAT",
    `unsupported Content-Type ${JSON.stringify(type || "(none)")}: send multipart/form-data, application/x-ndjson, text/plain, text/markdown, text/html or application/json`,
  );
}

/**
 * An application/json document: its content may be a whole document, and JSON
 * escapes (`\uXXXX`) can make it several times longer than its text.
 */
const MAX_JSON_DOCUMENT_BYTES = MAX_LINE_BYTES;

const jsonDocument = z
  .object({
    format: z.enum(["txt", "md", "html"], { error: "must be txt, md or html (send JSONL as application/x-ndjson)" }),
    content: z.string({ error: "is required: the document's text" }),
  })
  .catchall(z.unknown());

async function fromForm(form: FormData): Promise<UploadInput> {
  const field = (name: string): string | null => {
    const value = form.get(name);
    return typeof value === "string" ? value : null;
  };
  const file = form.get("file");
  const upload = file instanceof File && file.size > 0 ? file : null;
  const text = field("text");
  const pasted = text !== null && text.trim() !== "" ? text : null;
  if (upload && pasted) throw new ImportError("INVALID_INPUT", "send either a file or pasted text, not both");
  if (!upload && !pasted) throw new ImportError("EMPTY_TEXT", "choose a file or paste the text to import");

  const given = field("format")?.trim().toLowerCase() || null;
  const format = given ?? (upload ? formatFromFileName(upload.name) : "txt");
  if (!format || !isImportFormat(format)) {
    throw new ImportError(
      "UNSUPPORTED_FORMAT",
      given
        ? `unsupported format ${JSON.stringify(given)} (jsonl, txt, md or html)`
        : `cannot tell the format of ${JSON.stringify(upload?.name)}: use a .jsonl, .txt, .md or .html file, or say the format`,
    );
  }
  const spans = form.get("spans");
  const spansFile = spans instanceof File && spans.size > 0 ? spans : null;
  if (spansFile && format !== "jsonl") {
    throw new ImportError("INVALID_INPUT", "a spans file goes with a JSONL import, not with a single document");
  }
  return toInput(format, upload, pasted, spansFile, field);
}

async function toInput(
  format: ImportFormat,
  upload: File | null,
  pasted: string | null,
  spansFile: File | null,
  field: (name: string) => string | null,
): Promise<UploadInput> {
  if (format === "jsonl") {
    return {
      format,
      source: upload
        ? { stream: upload.stream() as unknown as AsyncIterable<Uint8Array>, totalBytes: upload.size }
        : { content: pasted! },
      spans: spansFile ? new Uint8Array(await spansFile.arrayBuffer()) : null,
      options: { story: field("story"), storyTitle: field("storyTitle"), dryRun: field("dryRun") },
      fileName: upload?.name ?? null,
    };
  }
  const content = upload ? new Uint8Array(await upload.arrayBuffer()) : pasted!;
  return { format, content, meta: metaFrom(field) };
}

function metaFrom(get: (name: string) => string | null): DocumentMeta {
  const meta: Record<string, string | null> = {};
  for (const name of META_FIELDS) meta[name] = get(name);
  return meta as DocumentMeta;
}

function contentLength(req: NextRequest): number | null {
  const raw = req.headers.get("content-length");
  const n = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function tooLarge(what: string, bytes: number, limit: number): ImportError {
  return new ImportError(
    "TOO_LARGE",
    `${what} is too large: ${describeBytes(bytes)}; the limit is ${describeBytes(limit)}`,
  );
}

/** The body, refused as soon as it passes `limit` (whatever Content-Length says). */
function limitedBody(
  req: NextRequest,
  limit: number,
  what: string,
): { stream: ReadableStream<Uint8Array>; error: () => ImportError | null } {
  const declared = contentLength(req);
  if (declared !== null && declared > limit) throw tooLarge(what, declared, limit);
  let seen = 0;
  let refused: ImportError | null = null;
  const stream = (req.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() })).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          refused = tooLarge(what, seen, limit);
          controller.error(refused);
        } else controller.enqueue(chunk);
      },
    }),
  );
  return { stream, error: () => refused };
}

async function readForm(req: NextRequest): Promise<FormData> {
  const { stream, error } = limitedBody(req, MAX_UPLOAD_BYTES, "the upload");
  try {
    return await new Response(stream, { headers: { "content-type": req.headers.get("content-type")! } }).formData();
  } catch (cause) {
    throw (
      error() ??
      new ImportError(
        "UNREADABLE",
        `the form data could not be read: ${cause instanceof Error ? cause.message : String(cause)}`,
      )
    );
  }
}

async function readBytes(req: NextRequest, limit: number, what: string): Promise<Uint8Array> {
  const { stream, error } = limitedBody(req, limit, what);
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (cause) {
    throw (
      error() ??
      new ImportError(
        "UNREADABLE",
        `the body could not be read: ${cause instanceof Error ? cause.message : String(cause)}`,
      )
    );
  }
}
