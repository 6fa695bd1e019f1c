import { humanBytes } from "./file-format";

/** Size limits of an import, in bytes of UTF-8. */

/** An article body may be up to 2 MiB; beyond, it is refused with a clear reason. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * A JSONL line may be larger than its body (JSON escapes, spans, metadata):
 * `\uXXXX` escapes can make a 2 MiB body up to 6 MiB of JSON. Longer lines
 * are refused without being held in memory.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** An uploaded .txt/.md/.html document (before it is reduced to text). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** A spans file merged into a JSONL import by external_id; read whole, so bounded. */
export const MAX_SPANS_FILE_BYTES = 64 * 1024 * 1024;

/**
 * One upload through the browser or the API as multipart/form-data (parsed in
 * memory, so bounded). A larger JSONL is sent as a raw NDJSON body, which is
 * streamed and has no total limit; the CLI reads files of any size.
 */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/** "2.4 MiB (2,516,582 bytes)" */
export function describeBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString("en-US")} bytes`;
  return bytes < 1024 ? exact : `${humanBytes(bytes)} (${exact})`;
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * Why an article body cannot be stored, or null when it can: empty, or over
 * the 2 MiB limit. Checked on the body as given (before normalization, which
 * only ever shortens it).
 */
export function bodyProblem(raw: string): { code: "EMPTY_TEXT" | "TOO_LARGE"; message: string } | null {
  // A UTF-16 unit is at most 3 bytes of UTF-8: skip the exact count for short texts.
  if (raw.length * 3 > MAX_BODY_BYTES) {
    const bytes = utf8Length(raw);
    if (bytes > MAX_BODY_BYTES) {
      return {
        code: "TOO_LARGE",
        message: `text is too large: ${describeBytes(bytes)} of UTF-8; the limit is ${describeBytes(MAX_BODY_BYTES)}`,
      };
    }
  }
  if (raw.trim() === "") return { code: "EMPTY_TEXT", message: "text is empty" };
  return null;
}
