import { db } from "@/lib/db";
import { listSnapshots } from "@/lib/export";
import { route } from "@/lib/http/route";
import { json } from "@/app/api/_lib/request";
import { acceptExportJob, readBody, snapshotRequestSchema } from "@/app/api/export/_lib/http";
import { snapshotJson } from "./snapshot-json";

/** Dataset snapshots, newest first. */
export const GET = route({ permission: "export.run" }, async () => {
  return json({ datasets: (await listSnapshots(db, { take: 500 })).map(snapshotJson) });
});

/**
 * Freezes an export as a named dataset snapshot. It is written in the
 * background: 202 with the job; when the job is DONE its `result.snapshotId`
 * names the dataset. A name in use is a 409 at once. With `agreement: true`
 * the agreement report over its articles is frozen beside it (refused at once
 * when nothing in the selection was annotated independently).
 */
export const POST = route({ permission: "snapshot.create" }, async (req, { user }) => {
  const { name, description, format, filter, agreement } = await readBody(req, snapshotRequestSchema);
  return acceptExportJob({ format, filter, snapshot: { name, description, agreement } }, user!);
});
