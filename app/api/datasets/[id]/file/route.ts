import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { openSnapshot } from "@/lib/export";
import { route } from "@/lib/http/route";
import { digestHeaders, downloadHeaders, webStream } from "@/app/api/export/_lib/http";

/**
 * A snapshot's file, byte for byte as frozen. It is re-hashed as it streams:
 * a file that no longer matches its SHA-256 breaks off instead of completing.
 */
export const GET = route<{ id: string }>({ permission: "export.run" }, async (_req, { params }) => {
  const { snapshot, stream } = await openSnapshot(db, { id: params.id });
  return new NextResponse(webStream(stream()), {
    headers: downloadHeaders(snapshot.fileName, snapshot.mediaType, digestHeaders(snapshot.sha256, snapshot.byteSize)),
  });
});
