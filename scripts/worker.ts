/**
 * `npm run worker`: the background job worker alone, for deployments that
 * run the web servers with PARALLAX_WORKER=off. Needs DATABASE_URL (and
 * PARALLAX_DATA_DIR, the same datasets folder the web servers use).
 * SIGTERM/SIGINT: running jobs get PARALLAX_SHUTDOWN_GRACE_MS (default
 * 10 s) to end, then go back to the queue.
 */
import { checkServerEnv } from "../lib/env";
import { stopJobQueues } from "../lib/jobs/queue";
import { startWorker } from "../lib/jobs/worker";

async function main() {
  const env = checkServerEnv(process.env, { secret: false });
  const worker = await startWorker();
  console.log("[worker] taking jobs");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: stopping`);
    await stopJobQueues({ graceMs: env.PARALLAX_SHUTDOWN_GRACE_MS });
    await worker.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
