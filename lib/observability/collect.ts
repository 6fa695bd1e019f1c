/**
 * Sets the gauges that describe this moment, just before a scrape: job queue
 * depths and failures (from pg-boss, shared by every instance), this
 * process's open event streams and database pool.
 */
import { dbPoolStats } from "../db";
import { queueDepths } from "../jobs/queue";
import { liveSubscriberCount } from "../live/process-hub";
import { log } from "./log";
import { metrics } from "./metrics";

export async function collectStateMetrics(): Promise<void> {
  const m = metrics();
  m.eventStreams.set(liveSubscriberCount());
  const pool = dbPoolStats();
  m.dbPool.set({ state: "total" }, pool?.totalCount ?? 0);
  m.dbPool.set({ state: "idle" }, pool?.idleCount ?? 0);
  m.dbPool.set({ state: "waiting" }, pool?.waitingCount ?? 0);
  try {
    for (const q of await queueDepths()) {
      m.jobsQueued.set({ queue: q.name }, q.queued);
      m.jobsActive.set({ queue: q.name }, q.active);
      m.jobsFailed.set({ queue: q.name }, q.failed);
    }
  } catch (error) {
    // The scrape still answers (the other metrics are good); the queue gauges keep their last values.
    log.warn({ err: error }, "reading the job queues for metrics failed");
  }
}
