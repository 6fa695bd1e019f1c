/**
 * The worker inside the web server's process: started once in the
 * background (a database that is not up yet is retried), stopped with the
 * queue on SIGTERM (lib/jobs/queue.ts stopJobQueues).
 */
import { startWorker } from "./worker";
import { log } from "../observability/log";

const globalForWorker = globalThis as unknown as { parallaxWorker?: Promise<unknown> };

export function startInProcessWorker(): void {
  if (globalForWorker.parallaxWorker) return;
  const attempt = (delayMs: number): Promise<unknown> =>
    startWorker().catch(async (error: unknown) => {
      log.error({ err: error }, "the job worker did not start; trying again");
      await new Promise((r) => setTimeout(r, delayMs));
      return attempt(Math.min(delayMs * 2, 60_000));
    });
  globalForWorker.parallaxWorker = attempt(1000);
}
