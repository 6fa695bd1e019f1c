import { NextResponse } from "next/server";
import { assertMayReadFrozenAgreement } from "@/lib/agreement/snapshot";
import { db } from "@/lib/db";
import { openSnapshot } from "@/lib/export";
import { route } from "@/lib/http/route";
import { digestHeaders, downloadHeaders, webStream } from "@/app/api/export/_lib/http";

/**
 * The agreement report frozen with a snapshot (JSON), byte for byte, re-hashed
 * as it streams like the dataset's own file; a 404 when it was frozen without
 * one. Like the live report, for those who manage assignments, and not while
 * they annotate one of its versions independently.
 */
export const GET = route<{ id: string }>({ permission: "assignment.manage" }, async (_req, { params, user }) => {
  const opened = await openSnapshot(db, { id: params.id }, { part: "agreement" });
  await assertMayReadFrozenAgreement(db, user!.id, opened.snapshot.filter);
  const { sha256, byteSize } = opened.snapshot.agreement!;
  return new NextResponse(webStream(opened.stream()), {
    headers: downloadHeaders(opened.fileName, opened.mediaType, digestHeaders(sha256, byteSize)),
  });
});
