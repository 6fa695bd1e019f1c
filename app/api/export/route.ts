import { NextResponse } from "next/server";
import { db, type Prisma } from "@/lib/db";
import { prepareExport } from "@/lib/export";
import { audit } from "@/lib/audit/log";
import { can } from "@/lib/authz/policy";
import { route } from "@/lib/http/route";
import { actorOf, downloadHeaders, exportFileBase, exportRequestSchema, readBody } from "./_lib/http";

/**
 * Streams an export (docs/export-api.md): `{format, filter}` as JSON, or the
 * export page's form post. Mistakes in the request are a 400 before any byte
 * is sent; the file then streams from the database as it is written.
 */
export const POST = route({ permission: "export.run" }, async (req, { user }) => {
  const request = await readBody(req, exportRequestSchema);
  const plan = await prepareExport(db, request, {
    viewerId: user!.id,
    readsAllLayers: can(user, "assignment.manage"),
    annotatorEmails: can(user, "user.manage"),
  });
  await audit(db, {
    action: "export.downloaded",
    actor: actorOf(user!),
    detail: { format: plan.format, filter: plan.filter as Prisma.InputJsonValue },
  });
  const { stream } = plan.toReadableStream();
  return new NextResponse(stream, {
    headers: downloadHeaders(plan.fileName(exportFileBase(plan.filter)), plan.mediaType, {
      "X-Parallax-Format": plan.format,
    }),
  });
});
