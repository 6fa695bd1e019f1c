import path from "node:path";

// Where the embedded PostgreSQL keeps its data and listens. Not 5432, so it
// never collides with a system PostgreSQL.
export const EMBEDDED_PORT = Number(process.env.PARALLAX_PG_PORT ?? 54329);
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "parallax-local";
export const EMBEDDED_DATABASE = "parallax";

export function projectRoot(): string {
  return path.resolve(import.meta.dirname, "..", "..");
}

export function embeddedDataDir(): string {
  return process.env.PARALLAX_PG_DIR ?? path.join(projectRoot(), ".data", "postgres");
}

export function embeddedDatabaseUrl(database = EMBEDDED_DATABASE, port = EMBEDDED_PORT): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}
