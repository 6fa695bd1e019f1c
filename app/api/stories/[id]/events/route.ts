import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { presenceStreamEnded } from "@/lib/live/presence";
import { liveHub } from "@/lib/live/process-hub";
import { log } from "@/lib/observability/log";
import { storyEventStream } from "@/lib/live/stream";
import { pathId } from "@/app/api/_lib/request";

export const dynamic = "force-dynamic";

/** The cursor to resume after: Last-Event-ID (an EventSource reconnecting) or ?after=; null for "from now". */
function resumeCursor(req: NextRequest): number | null {
  const raw = req.headers.get("last-event-id")?.trim() || req.nextUrl.searchParams.get("after")?.trim();
  if (!raw) return null;
  if (!/^\d{1,15}$/.test(raw))
    throw new AppError("INVALID_INPUT", "The cursor (Last-Event-ID or after) must be a non-negative integer.", 400);
  return Number(raw);
}

/** The reader's tab (?tab=, the id it sends presence with): its presence ends with the stream it last named. */
function tabOf(req: NextRequest): string | null {
  const raw = req.nextUrl.searchParams.get("tab")?.trim();
  if (!raw) return null;
  if (!/^[\w-]{8,64}$/.test(raw))
    throw new AppError("INVALID_INPUT", "The tab id must be 8–64 letters, digits, - or _.", 400);
  return raw;
}

/**
 * The story's changes as Server-Sent Events, live (lib/live/stream.ts):
 * replayed from a cursor first, then as they commit, on any app instance.
 */
export const GET = route<{ id: string }>({ permission: "story.read" }, async (req, { user, params }) => {
  const storyId = pathId(params.id, "The story");
  const after = resumeCursor(req);
  const tab = tabOf(req);
  if (!(await db.story.findUnique({ where: { id: storyId }, select: { id: true } }))) throw notFound("The story");
  const streamId = randomUUID();
  const stream = storyEventStream({
    db,
    hub: liveHub(),
    storyId,
    reader: { id: user!.id, role: user!.role },
    after,
    signal: req.signal,
    streamId,
    onEnd: tab
      ? () =>
          void presenceStreamEnded(db, tab, user!.id, streamId).catch((error: unknown) =>
            log.error({ err: error }, "ending presence with its stream failed"),
          )
      : undefined,
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: no proxy (or the server's own compression) may buffer the stream.
      "Cache-Control": "private, no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
