import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/system/health";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database is reachable and every migration is applied, 503 otherwise (send no traffic). */
export const GET = route("public", async () => {
  const report = await checkHealth(db);
  return NextResponse.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
