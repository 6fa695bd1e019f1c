/**
 * Errors a user can act on. Domain modules throw AppError with a stable code
 * and a clear message; the HTTP guards turn it into a JSON error (API) or an
 * error result (server action). Anything else is a bug: logged, and reported
 * to the user only as a generic failure.
 */
export type AppErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429;

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: AppErrorStatus = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`, 404);

/**
 * An edit made against `baseVersion` of a record that has moved on since
 * (optimistic concurrency): nothing was written, and `current` (the record as
 * it is now) goes back so the client can show it.
 */
export const versionConflict = (what: string, baseVersion: number, current: { version: number }) =>
  new AppError(
    "VERSION_CONFLICT",
    `Someone changed this ${what} meanwhile (you edited version ${baseVersion}, it is now at version ${current.version}); nothing was overwritten.`,
    409,
    { current },
  );
