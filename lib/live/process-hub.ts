/**
 * The process's one LiveHub, on DATABASE_URL, created on first use (so
 * importing this never needs a database, e.g. during `next build`) and kept
 * on globalThis across hot reloads in development.
 */
import { getDb } from "../db";
import { parseEnv } from "../env";
import { LiveHub } from "./hub";

const globalForHub = globalThis as unknown as { parallaxLiveHub?: LiveHub };

export function liveHub(): LiveHub {
  if (!globalForHub.parallaxLiveHub) {
    const url = parseEnv().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which provides one.");
    globalForHub.parallaxLiveHub = new LiveHub({ db: getDb(), url });
  }
  return globalForHub.parallaxLiveHub;
}

/** Ends every open event stream (clients reconnect elsewhere) and the LISTEN connection: for shutdown. */
export async function closeLiveHub(): Promise<void> {
  const hub = globalForHub.parallaxLiveHub;
  globalForHub.parallaxLiveHub = undefined;
  await hub?.close();
}

/** Event streams subscribed in this process (0 before the hub starts), for metrics. */
export function liveSubscriberCount(): number {
  return globalForHub.parallaxLiveHub?.subscriberCount ?? 0;
}
