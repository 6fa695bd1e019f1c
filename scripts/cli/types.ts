import type { Db } from "../../lib/db";

export interface CliContext {
  db: Db;
  /** The database's URL, for commands that stream over a connection of their own (export). */
  databaseUrl: string;
  /** Standard input, for a secret piped in (default process.stdin; tests pass their own). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Progress and status messages (stderr, so stdout stays clean for data). */
  log(message: string): void;
}

export interface CliCommand {
  /** One line for the command list. */
  summary: string;
  /** Full usage text for `--help`. */
  help: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}
