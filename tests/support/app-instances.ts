/**
 * Several real app instances on one database, for tests that show what
 * holds across instances (jobs, sessions, throttling, live updates). Each is
 * the production build (`next start`, run `next build` first — e.g.
 * `buildIfNeeded` from scripts/lib/build.ts) on a free port of its own, with
 * the same secret and the same datasets folder, as N instances behind a
 * proxy would be.
 *
 *   const [a, b] = await startAppInstances(2, { databaseUrl, dataDir });
 *   await fetch(`${a.url}/api/health`);
 *   await a.stop("SIGKILL");              // or "SIGTERM" (graceful)
 *   await stopAppInstances([a, b]);
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/lib/postgres-server";
import { bin } from "../../scripts/lib/run";

export interface AppInstanceOptions {
  databaseUrl: string;
  /** Shared datasets folder (default: a new temporary folder shared by the instances started together). */
  dataDir?: string;
  /** Session secret shared by the instances. */
  secret?: string;
  /** More environment for the app (e.g. PARALLAX_WORKER: "off"). */
  env?: Record<string, string>;
  /** How long to wait for /api/health. Default 120 s. */
  startTimeoutMs?: number;
}

export interface AppInstance {
  name: string;
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  /** The datasets folder (PARALLAX_DATA_DIR), shared by instances started together. */
  dataDir: string;
  process: ChildProcess;
  /** Everything the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends the signal and waits for the process to exit; resolves its exit code (null when killed). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  /** Whether the process is still running. */
  running(): boolean;
}

const DEFAULT_SECRET = "app-instances-secret-0123456789abcdef";

async function waitForHealth(instance: AppInstance, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!instance.running()) throw new Error(`${instance.name} exited before it was healthy:\n${instance.output()}`);
    try {
      const res = await fetch(`${instance.url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${instance.name} was not healthy after ${timeoutMs} ms:\n${instance.output()}`);
}

/** Starts one instance and waits until it answers /api/health. */
export async function startAppInstance(
  name: string,
  options: AppInstanceOptions & { dataDir: string },
): Promise<AppInstance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const secret = options.secret ?? DEFAULT_SECRET;
  const child = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: secret,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: url,
      APP_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
      PARALLAX_DATA_DIR: options.dataDir,
      ...options.env,
    },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-200_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const instance: AppInstance = {
    name,
    port,
    url,
    dataDir: options.dataDir,
    process: child,
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    async stop(signal = "SIGTERM", timeoutMs = 40_000) {
      if (instance.running()) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  try {
    await waitForHealth(instance, options.startTimeoutMs ?? 120_000);
  } catch (error) {
    await instance.stop("SIGKILL");
    throw error;
  }
  return instance;
}

/** Starts `count` instances (A, B, …) on one database and one datasets folder. */
export async function startAppInstances(count: number, options: AppInstanceOptions): Promise<AppInstance[]> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "parallax-instances-"));
  const names = Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
  const started = await Promise.allSettled(names.map((name) => startAppInstance(name, { ...options, dataDir })));
  const instances = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    await stopAppInstances(instances);
    throw failed.reason;
  }
  return instances;
}

/** Stops every instance still running (SIGTERM, then SIGKILL after the timeout). */
export async function stopAppInstances(instances: AppInstance[], timeoutMs = 40_000): Promise<void> {
  await Promise.all(instances.filter((i) => i.running()).map((i) => i.stop("SIGTERM", timeoutMs)));
}
