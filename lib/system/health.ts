/**
 * Health report for /api/health: is the database reachable, and has every
 * migration in prisma/migrations been applied (and none failed)?
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db";
import { APP_VERSION } from "./version";

export interface HealthReport {
  status: "ok" | "error";
  version: string;
  database: { ok: boolean; latencyMs?: number; error?: string };
  migrations: { ok: boolean; applied: number; pending: string[]; failed: string[]; error?: string };
}

export async function migrationNamesOnDisk(): Promise<string[]> {
  // Read at run time from the app's working directory; not part of the bundle.
  const entries = await readdir(/*turbopackIgnore: true*/ path.join(process.cwd(), "prisma", "migrations"), {
    withFileTypes: true,
  });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export async function checkHealth(db: Db): Promise<HealthReport> {
  const report: HealthReport = {
    status: "error",
    version: APP_VERSION,
    database: { ok: false },
    migrations: { ok: false, applied: 0, pending: [], failed: [] },
  };
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
    report.database = { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    report.database = { ok: false, error: error instanceof Error ? error.message.split("\n")[0] : "unreachable" };
    return report;
  }
  try {
    const rows = await db.$queryRaw<
      { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]
    >`
      SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`;
    const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
    const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
    const pending = (await migrationNamesOnDisk()).filter((name) => !applied.has(name));
    report.migrations = { ok: pending.length === 0 && failed.length === 0, applied: applied.size, pending, failed };
  } catch (error) {
    report.migrations.error = error instanceof Error ? error.message.split("\n")[0] : "unknown";
  }
  report.status = report.database.ok && report.migrations.ok ? "ok" : "error";
  return report;
}
