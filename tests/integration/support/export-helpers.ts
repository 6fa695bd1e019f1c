/** Helpers for the export tests: run an export into memory, parse CSV, slice by code points. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll } from "vitest";
import type { Db } from "@/lib/db";
import { prepareExport, type ExportOptions, type ExportResult } from "@/lib/export";

export async function exportBytes(
  db: Db,
  url: string,
  format: string,
  filter: unknown = {},
  options: ExportOptions = {},
): Promise<{ bytes: Buffer; text: string; result: ExportResult }> {
  const chunks: Buffer[] = [];
  const plan = await prepareExport(db, { format, filter }, { databaseUrl: url, ...options });
  const result = await plan.writeTo(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
  );
  const bytes = Buffer.concat(chunks);
  return { bytes, text: bytes.toString("utf8"), result };
}

/** A temporary folder, removed after the test file. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `text[start:end]` by code points, as Python slices. */
export function slice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}

/** An RFC 4180 parser (quoted fields, doubled quotes, CRLF records), independent of the writer. */
export function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" && input[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else if (c === "\n" || c === "\r") {
      throw new Error(`bare line break at ${i}: records must end with CRLF and line breaks in fields be quoted`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length) throw new Error("the last record does not end with CRLF");
  return rows;
}
