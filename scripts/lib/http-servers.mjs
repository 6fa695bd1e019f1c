/**
 * Loaded into the app server with `node --import` (scripts/start.ts sets
 * NODE_OPTIONS). Keeps every HTTP server the process starts listening on
 * globalThis.__parallaxHttpServers, so a graceful shutdown
 * (lib/system/shutdown.ts) can stop taking connections while requests and
 * event streams still running finish.
 */
import http from "node:http";

if (!globalThis.__parallaxHttpServers) {
  const servers = new Set();
  globalThis.__parallaxHttpServers = servers;
  const listen = http.Server.prototype.listen;
  http.Server.prototype.listen = function (...args) {
    servers.add(this);
    this.once("close", () => servers.delete(this));
    return listen.apply(this, args);
  };
}
