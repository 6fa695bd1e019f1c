import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { prepareExport } from "@/lib/export";
import { route } from "@/lib/http/route";
import { downloadHeaders, exportFileBase, exportRequestSchema, readBody } from "./_lib/http";

/**
 * Streams an export (docs/export-api.md): `{format, filter}` as JSON, or the
 * export page's form post. Mistakes in the request are a 400 before any byte
 * is sent; the file then streams from the database as it is written.
 */
export const POST = route({ permission: "export.run" }, async (req) => {
  const request = await readBody(req, exportRequestSchema);
  const plan = await prepareExport(db, request);
  const { stream } = plan.toReadableStream();
  return new NextResponse(stream, {
    headers: downloadHeaders(plan.fileName(exportFileBase(plan.filter)), plan.mediaType, {
      "X-Parallax-Format": plan.format,
    }),
  });
});
