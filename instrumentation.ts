/**
 * Runs once when a server process starts (Next.js instrumentation): starts
 * the background job worker inside the web process, unless
 * PARALLAX_WORKER=off (then run `npm run worker` separately).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.PARALLAX_WORKER === "off" || !process.env.DATABASE_URL) return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startInProcessWorker } = await import("./lib/jobs/in-process");
  startInProcessWorker();
}
