import { z } from "zod";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { leavePresence, touchPresence } from "@/lib/live/presence";
import { body, json, pathId } from "@/app/api/_lib/request";

const presenceBody = z.object({
  /** A random id per browser tab. */
  tabId: z.string().min(8).max(64),
  /** The pane (article) the reader is in, and the span they have selected. */
  articleId: z.uuid().nullable().default(null),
  spanId: z.uuid().nullable().default(null),
  /** The event stream the tab is live on (its `ready` frame's id); that stream ending means the tab left. */
  streamId: z.uuid().nullable().default(null),
  /** The tab is closing. */
  leave: z.boolean().optional(),
});

/**
 * A reader's tab says it has the story open (a heartbeat every PRESENCE_HEARTBEAT_MS, and on
 * every change of pane or selection) or that it leaves; every app instance
 * pushes the story's presence to its event streams (lib/live/presence.ts).
 */
export const POST = route<{ id: string }>({ permission: "story.read" }, async (req, { user, params }) => {
  const storyId = pathId(params.id, "The story");
  const input = await body(req, presenceBody);
  if (input.leave) {
    await leavePresence(db, input.tabId, user!.id);
    return json({ ok: true });
  }
  if (!(await db.story.findUnique({ where: { id: storyId }, select: { id: true } }))) throw notFound("The story");
  await touchPresence(db, storyId, user!.id, {
    tabId: input.tabId,
    articleId: input.articleId,
    spanId: input.spanId,
    streamId: input.streamId,
  });
  return json({ ok: true });
});
