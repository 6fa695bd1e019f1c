import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/system/health";
import { isShuttingDown } from "@/lib/system/shutdown-state";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when the database is reachable and every migration is
 * applied, 503 otherwise (send no traffic) — and 503 while shutting down.
 */
export const GET = route("public", async () => {
  if (isShuttingDown()) {
    return NextResponse.json({ status: "shutting-down" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
  const report = await checkHealth(db);
  return NextResponse.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
