/** Errors of the export module a user can act on (AppError: stable code, clear message, HTTP status). */
import { AppError } from "../errors";

/** The filter is malformed or names stories, labels or annotators that do not exist. */
export class ExportFilterError extends AppError {
  constructor(readonly problems: string[]) {
    super("INVALID_EXPORT_FILTER", `Invalid export filter: ${problems.join("; ")}`, 400, { problems });
    this.name = "ExportFilterError";
  }
}

export class UnknownFormatError extends AppError {
  constructor(format: string, known: readonly string[]) {
    super(
      "UNKNOWN_EXPORT_FORMAT",
      `Unknown export format ${JSON.stringify(format)} (one of ${known.join(", ")}).`,
      400,
    );
    this.name = "UnknownFormatError";
  }
}

/** A dataset snapshot with this name exists; snapshots are never replaced. */
export class SnapshotNameTakenError extends AppError {
  constructor(readonly snapshotName: string) {
    super("SNAPSHOT_NAME_TAKEN", `A dataset snapshot named ${JSON.stringify(snapshotName)} already exists.`, 409);
    this.name = "SnapshotNameTakenError";
  }
}

/** A stored file no longer matches the SHA-256 recorded when it was written. */
export class IntegrityError extends AppError {
  constructor(
    message: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super("INTEGRITY_ERROR", message, 409, { expected, actual });
    this.name = "IntegrityError";
  }
}

/**
 * The database holds a span whose quote is not the text at its offsets: the
 * export stops rather than write a wrong dataset.
 */
export class InconsistentSpanError extends Error {
  constructor(
    readonly spanId: string,
    readonly articleId: string,
  ) {
    super(`Span ${spanId} in article ${articleId} does not match the article text at its offsets; export stopped.`);
    this.name = "InconsistentSpanError";
  }
}
