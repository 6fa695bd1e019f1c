/**
 * Runs the app with everything it needs: the database (DATABASE_URL or the
 * embedded PostgreSQL), pending migrations, demo data, the first admin, and —
 * in production mode — a build when the sources changed. Ctrl-C stops the app
 * and the embedded database.
 *
 *   npm start     production build on http://localhost:3000
 *   npm run dev   `next dev` with hot reload
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureFirstAdmin } from "../lib/auth/bootstrap";
import { createDb } from "../lib/db";
import { seedDemoNewsroom } from "../lib/demo/seed";
import { buildIfNeeded } from "./lib/build";
import { migrateDeploy } from "./lib/migrate";
import { provideAppDatabase, stopOnExit } from "./lib/postgres-server";
import { assertPortFree } from "./lib/port";
import { bin } from "./lib/run";
import { authSecret } from "./lib/secrets";

const log = (message: string) => console.log(`[parallax] ${message}`);
const preload = (file: string) => `--import=${pathToFileURL(path.join(import.meta.dirname, "lib", file)).href}`;

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not become healthy at ${url}`);
}

/** Migrations, demo data (unless PARALLAX_DEMO=0) and the first admin, whose one-time credentials are returned. */
async function prepareDatabase(url: string): Promise<{ email: string; password: string } | null> {
  await migrateDeploy(url, true);
  log("Migrations are up to date.");
  const db = createDb(url);
  try {
    if (process.env.PARALLAX_DEMO !== "0") {
      const report = await seedDemoNewsroom(db);
      log(
        report.storyCreated
          ? `Demo newsroom created (${report.articlesCreated} articles, ${report.spansCreated} spans).`
          : "Demo newsroom present.",
      );
    }
    return await ensureFirstAdmin(db);
  } finally {
    await db.$disconnect();
  }
}

async function main(mode: "production" | "development") {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "localhost";
  const appUrl = process.env.APP_URL ?? `http://${host}:${port}`;
  // Before anything else: with the port taken, the health check below would reach the other process.
  await assertPortFree(port, host);

  const { server, url } = await provideAppDatabase(log);
  const running: { app?: ChildProcess } = {};
  const shutdown = stopOnExit(async () => {
    const { app } = running;
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((r) => app.once("exit", r));
    }
    await server.stop();
  });
  log(
    server.origin === "external"
      ? "Using the database at DATABASE_URL."
      : `Embedded PostgreSQL on port ${new URL(url).port}.`,
  );

  let firstAdmin: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    firstAdmin = await prepareDatabase(url);
    if (mode === "production") await buildIfNeeded(log);
  } catch (error) {
    console.error(`[parallax] ${error instanceof Error ? error.message : String(error)}`);
    return shutdown(1);
  }

  const secret = authSecret();
  const app = spawn(bin("next"), [mode === "production" ? "start" : "dev", "-p", String(port), "-H", host], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: mode,
      DATABASE_URL: url,
      AUTH_SECRET: secret,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: appUrl,
      APP_URL: appUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      // Client-sent X-Forwarded-For is dropped unless TRUST_PROXY=1 (client-address.mjs); the
      // HTTP servers are recorded for the graceful shutdown (http-servers.mjs), which handles
      // SIGTERM and SIGINT itself instead of Next.js (lib/system/shutdown.ts).
      NODE_OPTIONS: [process.env.NODE_OPTIONS, preload("client-address.mjs"), preload("http-servers.mjs")]
        .filter(Boolean)
        .join(" "),
      NEXT_MANUAL_SIG_HANDLE: "true",
    },
  });
  running.app = app;
  app.on("exit", (code) => {
    void server.stop().finally(() => process.exit(code ?? 0));
  });

  await waitForHealth(`${appUrl}/api/health`, app);
  // A server that answered while ours exited (its port taken meanwhile) is not ours.
  await new Promise((r) => setTimeout(r, 500));
  if (app.exitCode !== null) throw new Error(`The app exited (code ${app.exitCode}); is port ${port} in use?`);
  console.log("");
  log(`Parallax is running at ${appUrl}`);
  log(`Sign in at ${appUrl}/signin`);
  if (firstAdmin) {
    log("First run: an administrator account was created. Its password is shown only this once:");
    log(`    email:    ${firstAdmin.email}`);
    log(`    password: ${firstAdmin.password}`);
    log("You will be asked to choose a new password after signing in.");
  }
  log("Press Ctrl-C to stop.");
}

main(process.argv.includes("--dev") ? "development" : "production").catch((error) => {
  console.error(`[parallax] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
