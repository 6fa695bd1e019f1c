/**
 * Throwaway databases for tests and benchmarks: on DATABASE_URL's server when
 * set, otherwise on an embedded PostgreSQL in a temporary folder on a free port.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDeploy } from "./migrate";
import {
  dropDatabase,
  ensureDatabaseExists,
  freePort,
  startEmbeddedPostgres,
  waitForConnection,
  withDatabase,
  type PostgresServer,
} from "./postgres-server";

export async function provideScratchServer(): Promise<PostgresServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const adminUrl = withDatabase(external, "postgres");
    await waitForConnection(adminUrl);
    return { adminUrl, urlFor: (db) => withDatabase(external, db), origin: "external", stop: async () => {} };
  }
  const parent = mkdtempSync(path.join(os.tmpdir(), "parallax-pg-"));
  // As root, PostgreSQL runs as the "postgres" user, which must be able to enter the folder.
  chmodSync(parent, 0o755);
  return startEmbeddedPostgres({ dataDir: path.join(parent, "data"), port: await freePort(), ephemeral: true });
}

/** Creates and migrates a new database named after `purpose`; `drop()` removes it. */
export async function freshDatabase(
  server: PostgresServer,
  purpose: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `parallax_${purpose}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await ensureDatabaseExists(server.adminUrl, name);
  const url = server.urlFor(name);
  await migrateDeploy(url, true);
  return { name, url, drop: () => dropDatabase(server.adminUrl, name) };
}
