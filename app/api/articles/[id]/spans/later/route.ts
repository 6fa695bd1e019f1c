import { z } from "zod";
import { db } from "@/lib/db";
import { route } from "@/lib/http/route";
import { loadLaterSpans } from "@/lib/reader/story-view";
import { parseInput } from "@/lib/validation";
import { pathId } from "@/app/api/_lib/request";

const whole = z
  .string()
  .regex(/^\d{1,9}$/, "must be a whole number")
  .transform(Number);
const query = z.object({ from: whole, revision: whole });

/**
 * A long article's spans after the first screen (`from`, code points), packed
 * for the reader (lib/reader/span-pack.ts) in parts, one JSON line each, at
 * the `revision` of the text it holds (409 REVISION_CHANGED once the text has
 * moved on). Compressed on the way, unlike the small JSON answers: 50,000
 * spans are 2.3 MB.
 */
export const GET = route<{ id: string }>({ permission: "story.read" }, async (req, { params, user }) => {
  const { from, revision } = parseInput(query, Object.fromEntries(req.nextUrl.searchParams));
  const parts = await loadLaterSpans(db, pathId(params.id, "The article"), { from, revision }, user);
  return new Response(parts.map((part) => `${part}\n`).join(""), {
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "private, no-store" },
  });
});
