import { NextResponse } from "next/server";
import { clientIp } from "@/lib/auth/client-ip";
import { decide } from "@/lib/http/access";
import { jsonError, route } from "@/lib/http/route";
import { collectStateMetrics } from "@/lib/observability/collect";
import { scrapeMetrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

/** The socket's own address, as lib/auth/client-ip.ts reads it (X-Forwarded-For only with TRUST_PROXY=1). */
function fromThisMachine(headers: Headers): boolean {
  const ip = clientIp(headers);
  return ip !== null && (ip === "::1" || /^127\.\d+\.\d+\.\d+$/.test(ip));
}

/**
 * Prometheus metrics (text exposition format). A scraper on the server itself
 * needs no account; from anywhere else, an admin's API token (or session).
 */
export const GET = route("public", async (req, { user }) => {
  if (!fromThisMachine(req.headers) && decide({ permission: "metrics.read" }, user) !== "allow") {
    return user
      ? jsonError(403, "FORBIDDEN", "Metrics are for administrators (or a scraper on the server itself).")
      : jsonError(401, "UNAUTHENTICATED", "Send an administrator's API token (Authorization: Bearer …).");
  }
  await collectStateMetrics();
  const { contentType, body } = await scrapeMetrics();
  return new NextResponse(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});
