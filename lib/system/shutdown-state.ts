/** Whether this process is shutting down (readiness answers 503 meanwhile). Shared by every bundle. */
const globalForShutdown = globalThis as unknown as { parallaxShuttingDown?: boolean };

export function isShuttingDown(): boolean {
  return globalForShutdown.parallaxShuttingDown === true;
}

export function markShuttingDown(): void {
  globalForShutdown.parallaxShuttingDown = true;
}
