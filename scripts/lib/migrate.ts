import { bin, run } from "./run";

/**
 * Applies pending migrations with the standard `prisma migrate deploy`
 * (the schema engine is the offline stand-in configured in prisma.config.ts).
 */
export async function migrateDeploy(databaseUrl: string, quiet = false): Promise<void> {
  await run(bin("prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
  });
}
