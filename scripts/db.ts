/**
 * Database tasks, each against DATABASE_URL or the embedded PostgreSQL
 * (started for the task and stopped after, or reused if already running):
 *
 *   npm run db:up                  keep the embedded server running (Ctrl-C stops it)
 *   npm run db:migrate             apply pending migrations (prisma migrate deploy)
 *   npm run db:migration -- NAME   create a migration from schema changes (prisma migrate dev --create-only)
 *   npm run db:seed                apply migrations and seed the demo newsroom
 *   npm run db:reset               drop the database, migrate, seed
 *   npm run prisma -- ARGS…        any Prisma CLI command, e.g. `npm run prisma -- migrate status`
 */
import { ensureFirstAdmin } from "../lib/auth/bootstrap";
import { createDb } from "../lib/db";
import { seedDemoNewsroom } from "../lib/demo/seed";
import { migrateDeploy } from "./lib/migrate";
import { dropDatabase, ensureDatabaseExists, provideAppDatabase, stopOnExit } from "./lib/postgres-server";
import { bin, run } from "./lib/run";

const log = (message: string) => console.log(`[db] ${message}`);

async function seed(url: string) {
  const db = createDb(url);
  try {
    const report = await seedDemoNewsroom(db);
    log(
      `Seeded: story ${report.storyCreated ? "created" : "present"}, ${report.articlesCreated} articles and ${report.spansCreated} spans added.`,
    );
    const admin = await ensureFirstAdmin(db);
    if (admin) log(`First administrator created: ${admin.email} / ${admin.password} (shown once)`);
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const [command = "help", ...args] = process.argv.slice(2);
  if (command === "help") {
    console.log("usage: tsx scripts/db.ts up|migrate|migration NAME|seed|reset|prisma ARGS…");
    return;
  }
  const { server, url } = await provideAppDatabase(log);
  stopOnExit(() => server.stop());
  const prisma = (prismaArgs: string[]) =>
    run(bin("prisma"), prismaArgs, { env: { ...process.env, DATABASE_URL: url } });
  try {
    switch (command) {
      case "up":
        log(`PostgreSQL is ready: ${url}`);
        log("Press Ctrl-C to stop it.");
        await new Promise(() => {});
        break;
      case "migrate":
        await migrateDeploy(url);
        break;
      case "migration": {
        const name = args[0];
        if (!name) throw new Error("usage: npm run db:migration -- NAME");
        await prisma(["migrate", "dev", "--create-only", "--name", name]);
        break;
      }
      case "seed":
        await migrateDeploy(url, true);
        await seed(url);
        break;
      case "reset": {
        const database = decodeURIComponent(new URL(url).pathname.slice(1));
        await dropDatabase(server.adminUrl, database);
        await ensureDatabaseExists(server.adminUrl, database);
        await migrateDeploy(url, true);
        await seed(url);
        break;
      }
      case "prisma":
        await prisma(args);
        break;
      default:
        throw new Error(`unknown command: ${command}`);
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
