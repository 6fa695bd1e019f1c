import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/system/health";

export const dynamic = "force-dynamic";

/** Liveness and readiness: 200 when the database is reachable and migrations are current, 503 otherwise. */
export const GET = route("public", async () => {
  const report = await checkHealth(db);
  return NextResponse.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
