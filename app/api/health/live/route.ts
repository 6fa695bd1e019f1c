import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { APP_VERSION } from "@/lib/system/version";

export const dynamic = "force-dynamic";

/** Liveness: 200 while the process answers requests at all (no database check; restart it when this fails). */
export const GET = route("public", async () => {
  return NextResponse.json({ status: "ok", version: APP_VERSION }, { headers: { "Cache-Control": "no-store" } });
});
