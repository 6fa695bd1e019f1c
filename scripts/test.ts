/**
 * `npm test`: the whole suite, in order of cost.
 *
 *   typecheck    tsc --noEmit
 *   lint         eslint, prettier --check
 *   unit         Vitest, pure modules (no database)
 *   integration  Vitest against a real PostgreSQL: a fresh database per run
 *   corpus       Vitest: the shared corpus through the import, reader, export
 *                and suggestion checks (tests/corpus), only when the corpus is
 *                there: PARALLAX_CORPUS, or ../shared/corpus beside the checkout
 *   instances    Vitest starting several built app instances on one fresh database
 *                (tests/instances/; builds first when the sources changed, like e2e)
 *   e2e          Playwright in a real Chromium against the production build
 *
 * Every other test reads the project's own fixture corpus (tests/fixtures/corpus),
 * so a clone with nothing beside it passes `npm test`.
 *
 * `npm test -- unit integration` runs only the named stages; spec files
 * (`npm run test:e2e -- e2e/reader.spec.ts`) narrow the e2e stage to them
 * (Playwright still runs the projects they depend on), and test files
 * (`npm test -- integration tests/integration/users.test.ts`) narrow the unit
 * and integration stages the same way. The database
 * server is DATABASE_URL's server when set (a fresh database is created on it
 * and dropped after), otherwise a throwaway embedded PostgreSQL.
 */
import { createDb } from "../lib/db";
import { seedDemoNewsroom } from "../lib/demo/seed";
import { buildIfNeeded } from "./lib/build";
import { ensureChromium } from "./lib/chromium";
import { dropDatabase, freePort, stopOnExit, type PostgresServer } from "./lib/postgres-server";
import { freshDatabase, provideScratchServer } from "./lib/scratch-database";
import { CommandError, bin, run } from "./lib/run";
import { SHARED_CORPUS_DIR, hasSharedCorpus } from "../tests/support/corpus-dir";

const STAGES = ["typecheck", "lint", "unit", "integration", "corpus", "instances", "e2e"] as const;
type Stage = (typeof STAGES)[number];

const log = (message: string) => console.log(`\n[test] ${message}`);

async function main() {
  const args = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const specs = args.filter((a) => /\.spec\.ts$/.test(a));
  const files = args.filter((a) => /\.test\.ts$/.test(a));
  const requested = args.filter((a) => !specs.includes(a) && !files.includes(a));
  const unknown = requested.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown stage(s): ${unknown.join(", ")} (stages: ${STAGES.join(", ")})`);
  const stages: Stage[] = requested.length ? (requested as Stage[]) : [...STAGES];
  const timings: [string, number][] = [];
  const skipped: string[] = [];
  const timed = async (stage: string, fn: () => Promise<void>) => {
    const t0 = Date.now();
    log(`${stage} …`);
    await fn();
    timings.push([stage, (Date.now() - t0) / 1000]);
  };

  let server: PostgresServer | undefined;
  const databases: string[] = [];
  const cleanup = async () => {
    if (server) {
      for (const name of databases) await dropDatabase(server.adminUrl, name).catch(() => {});
      await server.stop();
    }
  };
  stopOnExit(cleanup);
  // The corpus stage runs when the shared corpus is there; asked for by name, it must be.
  const corpus = stages.includes("corpus") && hasSharedCorpus();
  if (stages.includes("corpus") && !corpus && requested.includes("corpus")) {
    throw new Error(
      `the corpus stage needs the shared corpus: ${SHARED_CORPUS_DIR} is missing (set PARALLAX_CORPUS to its folder)`,
    );
  }
  const needsDb = stages.includes("integration") || corpus || stages.includes("instances") || stages.includes("e2e");
  const chromium = stages.includes("e2e") ? ensureChromium(log) : undefined;

  try {
    if (stages.includes("typecheck"))
      await timed("typecheck", async () => {
        // Route types (.next/types) are generated from app/, so stale ones never mislead tsc.
        await run(bin("next"), ["typegen"], { stdio: ["ignore", "ignore", "inherit"] });
        await run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
      });
    if (stages.includes("lint"))
      await timed("lint", async () => {
        await run(bin("eslint"), [".", "--max-warnings=0"]);
        await run(bin("prettier"), ["--check", ".", "--log-level=warn"]);
      });
    if (stages.includes("unit")) await timed("unit", () => run(bin("vitest"), ["run", "--project", "unit", ...files]));
    if (needsDb) server = await provideScratchServer();
    if (stages.includes("integration")) {
      await timed("integration", async () => {
        const { name, url } = await freshDatabase(server!, "it");
        databases.push(name);
        await run(bin("vitest"), ["run", "--project", "integration", ...files], {
          env: { ...process.env, DATABASE_URL: url, TEST_ADMIN_DATABASE_URL: server!.adminUrl },
        });
      });
    }
    if (corpus) {
      await timed("corpus", async () => {
        const { name, url } = await freshDatabase(server!, "corpus");
        databases.push(name);
        await run(bin("vitest"), ["run", "--project", "corpus"], {
          env: {
            ...process.env,
            DATABASE_URL: url,
            TEST_ADMIN_DATABASE_URL: server!.adminUrl,
            PARALLAX_CORPUS: SHARED_CORPUS_DIR,
          },
        });
      });
    } else if (stages.includes("corpus")) {
      log(`corpus: skipped: no corpus (${SHARED_CORPUS_DIR} is missing; set PARALLAX_CORPUS to its folder)`);
      skipped.push("corpus (no corpus)");
    }
    // Test files given for other tiers only: nothing to run here.
    const instanceFiles = files.filter((f) => f.replaceAll("\\", "/").includes("tests/instances/"));
    if (stages.includes("instances") && (files.length === 0 || instanceFiles.length > 0)) {
      await timed("instances", async () => {
        await buildIfNeeded((m) => log(m));
        const { name, url } = await freshDatabase(server!, "inst");
        databases.push(name);
        await run(bin("vitest"), ["run", "--project", "instances", ...instanceFiles], {
          env: { ...process.env, DATABASE_URL: url, TEST_ADMIN_DATABASE_URL: server!.adminUrl },
        });
      });
    }
    if (stages.includes("e2e")) {
      await timed("e2e", async () => {
        await buildIfNeeded((m) => log(m));
        const { name, url } = await freshDatabase(server!, "e2e");
        databases.push(name);
        const db = createDb(url);
        await seedDemoNewsroom(db).finally(() => db.$disconnect());
        await run(bin("playwright"), ["test", ...specs], {
          env: {
            ...process.env,
            DATABASE_URL: url,
            TEST_ADMIN_DATABASE_URL: server!.adminUrl,
            CHROMIUM_PATH: chromium,
            E2E_PORT: String(await freePort()),
            // The local OpenID provider for the SSO tests (e2e/global-setup.ts).
            E2E_OIDC_PORT: String(await freePort()),
          },
        });
      });
    }
  } finally {
    await cleanup();
  }
  log(
    `passed: ${timings.map(([s, t]) => `${s} ${t.toFixed(1)}s`).join(", ")}` +
      (skipped.length ? `; skipped: ${skipped.join(", ")}` : ""),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`\n[test] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof CommandError ? error.exitCode || 1 : 1);
  },
);
