/**
 * /api/metrics: Prometheus text with the app's metrics, for a scraper on the
 * server itself or an admin's token from anywhere; a remote caller without
 * one is refused. Route handlers answer with the request's id.
 */
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { GET as getMetrics } from "@/app/api/metrics/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { stopJobQueues } from "@/lib/jobs/queue";
import { testDb } from "./db";
import { createUser } from "./support/users";

const db = testDb();
afterAll(() => stopJobQueues({ graceMs: 1000 }));

async function get(
  handler: typeof getMetrics,
  path: string,
  { from, token, requestId }: { from: string; token?: string; requestId?: string },
) {
  const headers = new Headers({ "x-forwarded-for": from });
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (requestId) headers.set("x-request-id", requestId);
  const res = await handler(new NextRequest(`http://localhost${path}`, { headers }), { params: Promise.resolve({}) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function tokenOf(role: "ADMIN" | "VIEWER") {
  const user = await createUser(db, role);
  return (await createApiToken(db, user.id, "metrics")).token;
}

describe("GET /api/metrics", () => {
  it("gives a scraper on the server itself every metric, by name", async () => {
    const viewer = await tokenOf("VIEWER");
    const me = await get(getMe, "/api/me", { from: "203.0.113.7", token: viewer, requestId: "trace-me-42" });
    expect(me.status).toBe(200);
    expect(me.headers.get("x-request-id")).toBe("trace-me-42");
    // A request id that is not short and printable is replaced by a fresh one.
    const odd = await get(getMe, "/api/me", { from: "203.0.113.7", token: viewer, requestId: "no spaces please" });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    const scraped = await get(getMetrics, "/api/metrics", { from: "127.0.0.1" });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toContain("text/plain");
    const text = scraped.text;
    expect(text).toMatch(
      /^parallax_http_request_duration_seconds_count\{method="GET",route="\/api\/me",status="200"\} [1-9]/m,
    );
    expect(text).toMatch(/^parallax_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/me"/m);
    expect(text).toContain("# TYPE parallax_span_writes_total counter");
    for (const queue of ["export", "dataset-snapshot", "import", "cleanup"]) {
      expect(text).toMatch(new RegExp(`^parallax_jobs_queued\\{queue="${queue}"\\} \\d+$`, "m"));
      expect(text).toMatch(new RegExp(`^parallax_jobs_active\\{queue="${queue}"\\} \\d+$`, "m"));
      expect(text).toMatch(new RegExp(`^parallax_jobs_failed\\{queue="${queue}"\\} \\d+$`, "m"));
    }
    expect(text).toMatch(/^parallax_event_streams_open 0$/m);
    expect(text).toMatch(/^parallax_db_pool_connections\{state="total"\} [1-9]\d*$/m);
    expect(text).toMatch(/^parallax_db_pool_connections\{state="idle"\} \d+$/m);
    expect(text).toMatch(/^parallax_db_pool_connections\{state="waiting"\} \d+$/m);
    expect(text).toContain("parallax_process_resident_memory_bytes");
    expect(text).toContain("parallax_nodejs_eventloop_lag_seconds");
  }, 60_000);

  it("labels a route by its pattern, never by the ids in its path", async () => {
    const { routePattern } = await import("@/lib/http/route");
    const id = "3f2b8c1e-9d4a-4c1b-8e2f-5a6b7c8d9e0f";
    expect(routePattern(`/api/stories/${id}/events`, { id })).toBe("/api/stories/[id]/events");
    expect(routePattern("/api/auth/callback/oidc", { nextauth: ["callback", "oidc"] })).toBe("/api/auth/[...nextauth]");
  });

  it("refuses a remote caller without an admin's token, and lets an admin's token in from anywhere", async () => {
    const remote = "198.51.100.23";
    expect((await get(getMetrics, "/api/metrics", { from: remote })).status).toBe(401);
    const asViewer = await get(getMetrics, "/api/metrics", { from: remote, token: await tokenOf("VIEWER") });
    expect(asViewer.status).toBe(403);
    expect(asViewer.text).not.toContain("parallax_");
    const asAdmin = await get(getMetrics, "/api/metrics", { from: remote, token: await tokenOf("ADMIN") });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.text).toContain("parallax_http_request_duration_seconds");
    // Without TRUST_PROXY the last hop is the peer: a client cannot claim to be the server.
    const spoofed = await get(getMetrics, "/api/metrics", { from: `127.0.0.1, ${remote}` });
    expect(spoofed.status).toBe(401);
  }, 60_000);
});
