/** Liveness and readiness probes, as a load balancer calls them. */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";

const call = (handler: typeof live, path: string) =>
  handler(new NextRequest(`http://localhost${path}`), { params: Promise.resolve({}) as Promise<never> });

describe("health probes", () => {
  it("liveness answers without looking at the database; readiness checks it and the migrations", async () => {
    const alive = await call(live, "/api/health/live");
    expect(alive.status).toBe(200);
    expect(await alive.json()).toMatchObject({ status: "ok" });

    const res = await call(ready, "/api/health/ready");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ok",
      database: { ok: true },
      migrations: { ok: true, pending: [], failed: [] },
    });
  });
});
