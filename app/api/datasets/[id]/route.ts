import { db } from "@/lib/db";
import { getSnapshot } from "@/lib/export";
import { route } from "@/lib/http/route";
import { json } from "@/app/api/_lib/request";
import { snapshotJson } from "../snapshot-json";

/** One dataset snapshot: filter, counts, SHA-256, size, creator, citation. */
export const GET = route<{ id: string }>({ permission: "export.run" }, async (_req, { params }) => {
  return json({ dataset: snapshotJson(await getSnapshot(db, { id: params.id })) });
});
