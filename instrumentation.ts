/**
 * Runs once when a server process starts (Next.js instrumentation): checks
 * the environment (lib/env.ts; a bad or missing variable stops the server
 * with every problem named), installs the graceful shutdown
 * (lib/system/shutdown.ts), then starts the background job worker inside the
 * web process, unless PARALLAX_WORKER=off (then run `npm run worker`
 * separately).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { checkServerEnv, EnvError } = await import("./lib/env");
  try {
    checkServerEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[parallax] ${error.message}`);
    process.exit(1);
  }
  const { installGracefulShutdown } = await import("./lib/system/shutdown");
  installGracefulShutdown();
  if (process.env.PARALLAX_WORKER === "off") return;
  const { startInProcessWorker } = await import("./lib/jobs/in-process");
  startInProcessWorker();
}
