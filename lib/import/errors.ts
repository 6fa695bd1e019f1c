import { AppError } from "../errors";

/**
 * Import errors a caller can act on (a bad document, a body over the limit, an
 * unknown story…). The shape — a stable `code`, a clear message, an HTTP-ish
 * `status` and optional details — is the one the HTTP guards turn into a
 * JSON error or an action result; anything else thrown is a bug.
 */
export type ImportErrorCode =
  | "INVALID_INPUT"
  | "INVALID_LANGUAGE"
  | "EMPTY_TEXT"
  | "TOO_LARGE"
  | "NOT_UTF8"
  | "UNSUPPORTED_FORMAT"
  | "INVALID_SPAN"
  | "UNKNOWN_REFERENCE"
  | "CONFLICT"
  | "NOT_FOUND"
  | "UNREADABLE";

const STATUS: Record<ImportErrorCode, 400 | 404 | 409 | 413 | 415 | 422> = {
  INVALID_INPUT: 422,
  INVALID_LANGUAGE: 422,
  EMPTY_TEXT: 422,
  TOO_LARGE: 413,
  NOT_UTF8: 422,
  UNSUPPORTED_FORMAT: 415,
  INVALID_SPAN: 422,
  UNKNOWN_REFERENCE: 422,
  CONFLICT: 409,
  NOT_FOUND: 404,
  UNREADABLE: 400,
};

export class ImportError extends AppError {
  declare readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, message: string, details?: unknown) {
    super(code, message, STATUS[code], details);
    this.name = "ImportError";
  }
}

/** The HTTP status of an import error code (500 for codes that are not one). */
export function importErrorStatus(code: string): number {
  return (STATUS as Record<string, number>)[code] ?? 500;
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}
