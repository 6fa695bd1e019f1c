/**
 * Prometheus metrics (prom-client), scraped at /api/metrics. One registry per
 * process, kept on globalThis so every bundle of the app (route handlers,
 * instrumentation) counts into the same one. Counters and histograms are
 * updated where things happen; gauges that describe state (job queues, the
 * database pool, open event streams) are set when scraped (collect.ts).
 */
import client from "prom-client";

export interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  spanWrites: client.Counter<"action">;
  jobsQueued: client.Gauge<"queue">;
  jobsActive: client.Gauge<"queue">;
  jobsFailed: client.Gauge<"queue">;
  eventStreams: client.Gauge;
  dbPool: client.Gauge<"state">;
}

const globalForMetrics = globalThis as unknown as { parallaxMetrics?: Metrics };

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "parallax_" });
  const gauge = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new client.Gauge<L>({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "parallax_http_request_duration_seconds",
      help: "Time from a request reaching a route handler to its response (headers; a stream's body continues), by route pattern.",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    spanWrites: new client.Counter({
      name: "parallax_span_writes_total",
      help: "Span writes (create, update, delete, restore) stored.",
      labelNames: ["action"],
      registers: [registry],
    }),
    jobsQueued: gauge("parallax_jobs_queued", "Jobs waiting in each queue (including those waiting to retry).", [
      "queue",
    ]),
    jobsActive: gauge("parallax_jobs_active", "Jobs running now, on any instance, in each queue.", ["queue"]),
    jobsFailed: gauge(
      "parallax_jobs_failed",
      "Failed jobs the queue still keeps (a rolling count of recent failures).",
      ["queue"],
    ),
    eventStreams: gauge("parallax_event_streams_open", "Live event streams (SSE) open in this process."),
    dbPool: gauge("parallax_db_pool_connections", "The app's database pool in this process: total, idle, waiting.", [
      "state",
    ]),
  };
}

/** The process's metrics. */
export function metrics(): Metrics {
  return (globalForMetrics.parallaxMetrics ??= create());
}

/** The exposition text and its content type. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
