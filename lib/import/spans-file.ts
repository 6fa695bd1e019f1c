/**
 * A separate spans file (the format of the corpus's gold-spans.jsonl: one
 * line per article, `{"external_id": …, "spans": […]}`) merged into the
 * article lines of an import by external_id. The spans are not checked here:
 * they join the article line's own `spans` (after them) and are validated with
 * it, so a bad span rejects its article line with the usual reason.
 */
import { ImportError } from "./errors";
import { MAX_SPANS_FILE_BYTES, describeBytes } from "./limits";
import { parseJsonObject, readLines } from "./lines";

export interface SpansFile {
  /** Spans by external_id, with the spans file's line they came from. */
  byExternalId: Map<string, { line: number; spans: unknown[] }>;
  /** Lines of the spans file that could not be used. */
  rejected: { line: number; reason: string }[];
  /** Non-blank lines read. */
  lines: number;
}

export interface SpansFileReport {
  lines: number;
  /** Articles that received spans from the file. */
  matched: number;
  /** Lines whose external_id no article of the import carried. */
  unmatched: { line: number; externalId: string }[];
  rejected: { line: number; reason: string }[];
}

/** Reads a whole spans file (it is small next to the articles: at most MAX_SPANS_FILE_BYTES). */
export async function readSpansFile(content: string | Uint8Array): Promise<SpansFile> {
  const size = typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
  if (size > MAX_SPANS_FILE_BYTES) {
    throw new ImportError(
      "TOO_LARGE",
      `the spans file is too large: ${describeBytes(size)}; the limit is ${describeBytes(MAX_SPANS_FILE_BYTES)}`,
    );
  }
  const file: SpansFile = { byExternalId: new Map(), rejected: [], lines: 0 };
  const chunks = (async function* () {
    yield content;
  })();
  for await (const line of readLines(chunks, { maxLineBytes: MAX_SPANS_FILE_BYTES })) {
    if (!line.ok) {
      file.lines++;
      file.rejected.push({ line: line.number, reason: line.reason });
      continue;
    }
    if (line.text.trim() === "") continue;
    file.lines++;
    const parsed = parseSpansLine(line.text);
    if (!parsed.ok) {
      file.rejected.push({ line: line.number, reason: parsed.reason });
      continue;
    }
    const first = file.byExternalId.get(parsed.externalId);
    if (first) {
      file.rejected.push({
        line: line.number,
        reason: `external_id ${JSON.stringify(parsed.externalId)} already has spans on line ${first.line}`,
      });
      continue;
    }
    file.byExternalId.set(parsed.externalId, { line: line.number, spans: parsed.spans });
  }
  return file;
}

function parseSpansLine(
  text: string,
): { ok: true; externalId: string; spans: unknown[] } | { ok: false; reason: string } {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return parsed;
  const json = parsed.value;
  const { external_id: id, spans } = json as { external_id?: unknown; spans?: unknown };
  const externalId = typeof id === "number" ? String(id) : typeof id === "string" ? id.trim() : "";
  if (!externalId) return { ok: false, reason: "external_id: is required (the article the spans belong to)" };
  if (!Array.isArray(spans)) return { ok: false, reason: "spans: expected an array of spans" };
  return { ok: true, externalId, spans };
}

/**
 * Merges a spans file into article lines: `merge` is given each article line's
 * JSON before it is checked (importJsonl's `transformLine`), `report` says
 * afterwards which spans lines found no article.
 */
export function spansMerger(file: SpansFile) {
  const used = new Set<string>();
  return {
    merge(line: Record<string, unknown>): Record<string, unknown> {
      const id = line.external_id;
      const key = typeof id === "number" ? String(id) : typeof id === "string" ? id.trim() : null;
      const extra = key === null ? undefined : file.byExternalId.get(key);
      if (!extra) return line;
      used.add(key!);
      const own = line.spans;
      // Inline spans that are not an array are left for the schema to reject.
      if (own !== undefined && own !== null && !Array.isArray(own)) return line;
      return { ...line, spans: [...(own ?? []), ...extra.spans] };
    },
    report(): SpansFileReport {
      const unmatched = [...file.byExternalId]
        .filter(([id]) => !used.has(id))
        .map(([externalId, { line }]) => ({ line, externalId }))
        .sort((a, b) => a.line - b.line);
      return { lines: file.lines, matched: used.size, unmatched, rejected: file.rejected };
    },
  };
}
