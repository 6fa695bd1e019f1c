/**
 * The server's log: one JSON object a line on standard output (pino), with
 * the request id of the request being served on every line written while
 * serving it (route handlers and server actions run inside withLogContext).
 *
 * Never logged: credentials and article text. Fields that carry them —
 * authorization and cookie headers, passwords, tokens, secrets, text and
 * quotes — are replaced by "[redacted]" wherever they appear in the first
 * two levels of a logged object; errors are logged by message, code and stack.
 * LOG_LEVEL: trace, debug, info (default), warn, error, fatal, silent.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";

export interface LogContext {
  requestId: string;
}

const SECRET_FIELDS = [
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "tokenHash",
  "secret",
  "text",
  "quote",
  "prefix",
  "suffix",
];

/** pino redact paths: each field at the top level, one level down, and in headers. */
export const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(f) ? f : `["${f}"]`;
  const at = (parent: string) => (key.startsWith("[") ? `${parent}${key}` : `${parent}.${key}`);
  return [key, at("*"), at("headers"), at("*.headers")];
});

// One store per process, shared by every bundle that includes this module.
const globalForLog = globalThis as unknown as { parallaxLogContext?: AsyncLocalStorage<LogContext> };
const context = (globalForLog.parallaxLogContext ??= new AsyncLocalStorage<LogContext>());

/** Runs `fn` with `ctx` attached to every log line written meanwhile (also from what it awaits). */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return context.run(ctx, fn);
}

/** The request id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

/** A logger writing to `destination` (default standard output). */
export function createLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      mixin: () => {
        const ctx = context.getStore();
        return ctx ? { requestId: ctx.requestId } : {};
      },
    },
    destination,
  );
}

const globalForLogger = globalThis as unknown as { parallaxLogger?: Logger };

/** The process's logger. */
export const log: Logger = (globalForLogger.parallaxLogger ??= createLogger());
