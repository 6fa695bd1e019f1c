/**
 * The environment Parallax reads, in one zod schema: parsed once per
 * distinct set of values (tests change a variable now and then), so a bad
 * value fails with every problem named instead of surfacing later as a
 * NaN or a confusing error deep inside a request. `checkServerEnv()` runs at
 * start-up (instrumentation.ts, the worker) and also requires what a running
 * server cannot do without.
 */
import { z } from "zod";

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

const blankAsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional());
const text = optional(z.string().trim());
const httpUrl = optional(
  z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "must be an absolute http:// or https:// URL" })),
);
const integer = (min: number, fallback: number) =>
  z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .default(fallback),
  );
const flag = (values: readonly [string, ...string[]]) =>
  optional(z.enum(values, { error: `must be one of ${values.join(", ")}` }));

const schema = z.object({
  DATABASE_URL: optional(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL"),
  ),
  DATABASE_POOL_SIZE: integer(1, 10),
  AUTH_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  NEXTAUTH_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  APP_URL: httpUrl,
  NEXTAUTH_URL: httpUrl,
  TRUST_PROXY: flag(["0", "1"]),
  OIDC_ISSUER: httpUrl,
  OIDC_CLIENT_ID: text,
  OIDC_CLIENT_SECRET: optional(z.string()),
  OIDC_NAME: text,
  OIDC_ALLOWED_DOMAINS: text,
  PARALLAX_ADMIN_EMAIL: optional(z.email("must be an e-mail address")),
  PARALLAX_DATA_DIR: text,
  PARALLAX_EXPORT_RETENTION_DAYS: integer(0, 7),
  PARALLAX_ORGANIZATION_NAME: text,
  PARALLAX_ORGANIZATION_URL: httpUrl,
  PARALLAX_WORKER: flag(["on", "off"]),
  PARALLAX_WORKER_CONCURRENCY: integer(1, 2),
  PARALLAX_QUEUE_POOL_SIZE: integer(1, 4),
  PARALLAX_QUEUE_SUPERVISE_SECONDS: integer(1, 10),
  PARALLAX_SHUTDOWN_GRACE_MS: integer(0, 10_000),
  PARALLAX_SHUTDOWN_TIMEOUT_MS: integer(1000, 25_000),
  LOG_LEVEL: flag(["trace", "debug", "info", "warn", "error", "fatal", "silent"]),
  PARALLAX_DEMO: flag(["0", "1"]),
});

export type Env = z.infer<typeof schema>;
export type RawEnv = Record<string, string | undefined>;

const NAMES = Object.keys(schema.shape) as (keyof Env)[];
let cached: { key: string; env: Env } | null = null;

/** The validated environment (default process.env); throws EnvError naming every bad variable. */
export function parseEnv(raw: RawEnv = process.env): Env {
  const key = NAMES.map((n) => raw[n] ?? "\u0000").join("\u0001");
  if (cached?.key === key) return cached.env;
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  cached = { key, env: result.data };
  return result.data;
}

/** The app's public address (APP_URL, else NEXTAUTH_URL, else http://localhost:3000). */
export function appUrlFrom(env: Env): string {
  return env.APP_URL ?? env.NEXTAUTH_URL ?? "http://localhost:3000";
}

/**
 * Start-up check of a server or worker process: the environment parses, and
 * what such a process needs is there. Throws EnvError listing every problem.
 */
export function checkServerEnv(raw: RawEnv = process.env, needs: { secret?: boolean } = { secret: true }): Env {
  const env = parseEnv(raw);
  const problems: string[] = [];
  if (!env.DATABASE_URL) problems.push("DATABASE_URL: is required (a postgresql:// connection URL)");
  if (needs.secret && !env.AUTH_SECRET && !env.NEXTAUTH_SECRET)
    problems.push("AUTH_SECRET: is required (`npm start` provides one)");
  if (problems.length) throw new EnvError(problems);
  return env;
}
