import { UnknownFormatError } from "../errors";
import { claimreview } from "./claimreview";
import { conll } from "./conll";
import { csv } from "./csv";
import { jsonl } from "./jsonl";
import type { FormatSpec } from "./types";
import { webanno } from "./webanno";

export const EXPORT_FORMATS = { jsonl, webanno, claimreview, conll, csv } as const satisfies Record<string, FormatSpec>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export const FORMAT_IDS = Object.keys(EXPORT_FORMATS) as ExportFormat[];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && Object.hasOwn(EXPORT_FORMATS, value);
}

export function formatSpec(format: string): FormatSpec {
  if (!isExportFormat(format)) throw new UnknownFormatError(format, FORMAT_IDS);
  return EXPORT_FORMATS[format];
}

export type { FormatSpec, Organization } from "./types";
