import { db } from "@/lib/db";
import { verifySnapshot } from "@/lib/export";
import { route } from "@/lib/http/route";
import { json } from "@/app/api/_lib/request";

/** Re-hashes the stored file and compares it with the SHA-256 recorded at creation. */
export const GET = route<{ id: string }>({ permission: "export.run" }, async (_req, { params }) => {
  return json({ verification: await verifySnapshot(db, { id: params.id }) });
});
