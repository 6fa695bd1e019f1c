import { z } from "zod";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { previewExport } from "@/lib/export";
import { route } from "@/lib/http/route";
import { json } from "@/app/api/_lib/request";
import { readBody } from "../_lib/http";

const previewRequest = z.strictObject({
  format: z.string().optional(),
  filter: z.record(z.string(), z.unknown()).optional(),
});

/** The counts an export of `{format, filter}` would write, before running it. */
export const POST = route({ permission: "export.run" }, async (req, { user }) => {
  const { format, filter } = await readBody(req, previewRequest);
  const preview = await previewExport(db, filter ?? {}, {
    ...(format && { format }),
    viewerId: user!.id,
    readsAllLayers: can(user, "assignment.manage"),
    annotatorEmails: can(user, "user.manage"),
  });
  return json(preview);
});
