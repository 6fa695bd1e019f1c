import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { getExportJob, openExportJobFile } from "@/lib/export";
import { route } from "@/lib/http/route";
import { digestHeaders, downloadHeaders, webStream } from "@/app/api/export/_lib/http";
import { ownExportJob } from "@/lib/authz/objects";

/** A finished job's file (409 while it runs), checked against its SHA-256 as it streams. */
export const GET = route<{ id: string }>({ permission: "export.run" }, async (req, { user, params }) => {
  const job = ownExportJob(await getExportJob(db, params.id), user!);
  // A snapshot job's file is the dataset's.
  if (job.result?.snapshotId)
    return NextResponse.redirect(new URL(`/api/datasets/${job.result.snapshotId}/file`, req.url), 303);
  const file = await openExportJobFile(db, params.id);
  const { sha256, bytes } = file.job.result!;
  return new NextResponse(webStream(file.stream()), {
    headers: downloadHeaders(file.fileName, file.mediaType, digestHeaders(sha256, bytes)),
  });
});
