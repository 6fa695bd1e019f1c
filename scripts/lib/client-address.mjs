/**
 * Loaded into the app server with `node --import` (scripts/start.ts sets
 * NODE_OPTIONS). Unless TRUST_PROXY=1 says a reverse proxy in front sets
 * X-Forwarded-For, whatever a client sent in that header is dropped before
 * Next.js sees the request; Next.js then puts the socket's own address there.
 * So the address sign-in throttling counts is the real peer, and a client
 * cannot dodge the per-address limit by sending a new header each time.
 */
import http from "node:http";

if (process.env.TRUST_PROXY !== "1" && !http.Server.prototype.__parallaxClientAddress) {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, ...args) {
    if (event === "request") delete args[0].headers["x-forwarded-for"];
    return emit.call(this, event, ...args);
  };
  http.Server.prototype.__parallaxClientAddress = true;
}
