/**
 * `npm run worker`: the background job worker alone, for deployments that
 * run the web servers with PARALLAX_WORKER=off. Needs DATABASE_URL (and
 * PARALLAX_DATA_DIR, the same datasets folder the web servers use).
 * SIGTERM/SIGINT: it stops taking jobs; running jobs get
 * PARALLAX_SHUTDOWN_GRACE_MS (default 10 s) to end, then go back to the
 * queue; it exits by PARALLAX_SHUTDOWN_TIMEOUT_MS (default 25 s) regardless.
 * Logs are JSON lines (lib/observability/log.ts).
 */
import { checkServerEnv } from "../lib/env";
import { stopJobQueues } from "../lib/jobs/queue";
import { startWorker } from "../lib/jobs/worker";
import { log } from "../lib/observability/log";

async function main() {
  const env = checkServerEnv(process.env, { secret: false });
  const worker = await startWorker();
  log.info("worker taking jobs");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "worker stopping");
    setTimeout(() => {
      log.warn("worker shutdown timed out: exiting");
      process.exit(1);
    }, env.PARALLAX_SHUTDOWN_TIMEOUT_MS).unref();
    // The queue first: running jobs get the grace, then go back to the queue (the worker's own
    // stop would wait for them without limit).
    await stopJobQueues({ graceMs: env.PARALLAX_SHUTDOWN_GRACE_MS });
    await worker.stop();
    log.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  log.fatal({ err: error }, "the worker could not start");
  process.exit(1);
});
