/**
 * What the operator commands (users, tokens) share: option parsing that
 * reports bad usage, reading a secret from standard input, and turning the
 * domain's refusals into clear messages and exit codes (2: bad usage or
 * input, 1: refused — an unknown e-mail, the last admin, …).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ZodError } from "zod";
import { AppError } from "../../lib/errors";

export class UsageError extends Error {}

export function parseOptions<O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Everything on standard input, less one final line break: a password piped in or typed and ended with Ctrl-D. */
export async function readSecretFromStdin(
  stdin: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<string> {
  if (stdin.isTTY) process.stderr.write("Password (end with Ctrl-D): ");
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  const secret = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  if (!secret) throw new UsageError("--password-stdin: standard input was empty");
  return secret;
}

/** Runs an operator command, printing refusals and bad input as one line on stderr. */
export async function operatorCommand(help: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n\n${help}`);
      return 2;
    }
    if (error instanceof ZodError) {
      console.error(`error: ${error.issues.map((i) => i.message).join("; ")}`);
      return 2;
    }
    if (error instanceof AppError) {
      console.error(`error: ${error.message}`);
      return error.code === "INVALID_INPUT" || error.code === "WEAK_PASSWORD" ? 2 : 1;
    }
    throw error;
  }
}
