/**
 * Graceful shutdown of a web server process, on SIGTERM or SIGINT:
 *
 *   1. readiness answers 503 and the HTTP servers stop taking connections
 *      (idle keep-alive connections are closed as they fall idle);
 *   2. every live event stream gets a final `shutdown` event and ends, so its
 *      client reconnects (to another instance, behind a load balancer);
 *   3. the in-process job worker stops taking jobs, and running jobs get
 *      PARALLAX_SHUTDOWN_GRACE_MS (default 10 s) to end; those still running
 *      are then returned to the queue for another instance or the next start;
 *   4. requests still running may finish until PARALLAX_SHUTDOWN_TIMEOUT_MS
 *      (default 25 s) after the signal; then the process exits regardless.
 *
 * Closing the listening sockets needs the servers, which
 * scripts/lib/http-servers.mjs records (`npm start` preloads it and sets
 * NEXT_MANUAL_SIG_HANDLE, so Next.js leaves the signals to this module).
 */
import type { Server } from "node:http";
import { getDb } from "../db";
import { parseEnv } from "../env";
import { stopJobQueues } from "../jobs/queue";
import { closeLiveHub } from "../live/process-hub";
import { log } from "../observability/log";
import { isShuttingDown, markShuttingDown } from "./shutdown-state";

const globalForServers = globalThis as unknown as { __parallaxHttpServers?: Set<Server> };

/** Stops taking connections; resolves when every connection has ended. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // A keep-alive connection falls idle after its last response: close it then.
    const idle = setInterval(() => server.closeIdleConnections(), 200);
    server.close(() => {
      clearInterval(idle);
      resolve();
    });
  });
}

async function shutdown(signal: string): Promise<void> {
  const started = Date.now();
  const { PARALLAX_SHUTDOWN_TIMEOUT_MS: timeoutMs, PARALLAX_SHUTDOWN_GRACE_MS: graceMs } = parseEnv();
  const servers = [...(globalForServers.__parallaxHttpServers ?? [])];
  log.info({ signal, servers: servers.length, timeoutMs, graceMs }, "shutting down");
  const deadline = setTimeout(() => {
    log.warn({ ms: Date.now() - started }, "shutdown timed out: exiting with requests still open");
    for (const server of servers) server.closeAllConnections();
    process.exit(1);
  }, timeoutMs);
  deadline.unref();

  const serversClosed = Promise.all(servers.map(closeServer));
  const streamsClosed = closeLiveHub().catch((error: unknown) => log.error({ err: error }, "closing live streams"));
  // Stopping the queue stops the in-process worker too: it takes no new jobs, and the running
  // ones get the grace, then go back to the queue.
  const jobsStopped = stopJobQueues({ graceMs }).catch((error: unknown) =>
    log.error({ err: error }, "stopping the job worker"),
  );
  await Promise.all([serversClosed, streamsClosed, jobsStopped]);
  await getDb()
    .$disconnect()
    .catch(() => {});
  log.info({ ms: Date.now() - started }, "shut down");
  clearTimeout(deadline);
  process.exit(0);
}

/** Installs the SIGTERM/SIGINT handlers (once per process). */
export function installGracefulShutdown(): void {
  const g = globalThis as unknown as { parallaxShutdownInstalled?: boolean };
  if (g.parallaxShutdownInstalled) return;
  g.parallaxShutdownInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    if (isShuttingDown()) return;
    markShuttingDown();
    void shutdown(signal);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
