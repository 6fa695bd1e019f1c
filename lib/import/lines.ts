/**
 * Reads a JSONL byte stream line by line without holding the file in
 * memory, numbering lines from 1. A line longer than `maxLineBytes` is
 * reported (and skipped up to its newline) without being buffered; bytes
 * that are not UTF-8 are reported per line. A UTF-8 byte order mark and
 * "\r" before "\n" are tolerated.
 */

export type Line =
  | { number: number; ok: true; text: string; bytes: number }
  | { number: number; ok: false; reason: string; bytes: number };

export interface LineProgress {
  /** Bytes consumed so far. */
  bytes: number;
}

export async function* readLines(
  chunks: AsyncIterable<Uint8Array | string>,
  { maxLineBytes }: { maxLineBytes: number },
): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const encoder = new TextEncoder();
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  let tooLong = false;
  let number = 0;

  const finish = (extraBytes: number): Line => {
    number++;
    const bytes = partBytes + extraBytes;
    if (tooLong) {
      const line: Line = {
        number,
        ok: false,
        reason: `line is larger than the limit of ${Math.round(maxLineBytes / 1024 / 1024)} MiB`,
        bytes,
      };
      reset();
      return line;
    }
    // The decoder drops a byte order mark at the start of each line (files
    // joined with `cat` carry one in the middle).
    let buffer = parts.length === 1 ? parts[0]! : concat(parts, partBytes);
    reset();
    if (buffer.length > 0 && buffer[buffer.length - 1] === 0x0d) buffer = buffer.subarray(0, buffer.length - 1);
    try {
      return { number, ok: true, text: decoder.decode(buffer), bytes };
    } catch {
      return { number, ok: false, reason: "line is not valid UTF-8", bytes };
    }
  };
  const reset = () => {
    parts = [];
    partBytes = 0;
    tooLong = false;
  };
  const append = (piece: Uint8Array) => {
    if (tooLong) {
      partBytes += piece.length;
      return;
    }
    if (partBytes + piece.length > maxLineBytes) {
      tooLong = true;
      parts = [];
      partBytes += piece.length;
      return;
    }
    // Copy: the stream may reuse its buffer.
    parts.push(piece.slice());
    partBytes += piece.length;
  };

  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    let from = 0;
    for (;;) {
      const nl = bytes.indexOf(0x0a, from);
      if (nl < 0) {
        if (from < bytes.length) append(bytes.subarray(from));
        break;
      }
      append(bytes.subarray(from, nl));
      yield finish(1);
      from = nl + 1;
    }
  }
  if (partBytes > 0 || tooLong) yield finish(0);
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One line as a JSON object; the reason says what is wrong when it is not one. */
export function parseJsonObject(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, reason: "expected one JSON object per line" };
  }
  return { ok: true, value: json as Record<string, unknown> };
}
