/**
 * A process shutting down closes its live hub: every open event stream gets a
 * final `shutdown` event and ends, so its client reconnects (to another
 * instance) and resumes from its cursor.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/stories/[id]/events/route";
import { closeLiveHub, liveSubscriberCount } from "@/lib/live/process-hub";
import { SseReader } from "../support/sse";
import { testDb } from "./db";
import { createStory, signedIn } from "./support/api";

const db = testDb();

describe("closing the live hub", () => {
  it("ends every stream with a final shutdown event", async () => {
    const { story } = await createStory(db, [{ language: "en", text: "The ferry left Kiel at night." }]);
    const viewer = await signedIn(db, "VIEWER");
    const open = async () => {
      const res = await eventsRoute.GET(
        new NextRequest(`http://localhost/api/stories/${story.id}/events`, { headers: { cookie: viewer.cookie! } }),
        { params: Promise.resolve({ id: story.id }) },
      );
      expect(res.status).toBe(200);
      const reader = new SseReader(res.body!);
      await reader.until("ready", 15_000);
      return reader;
    };
    const streams = [await open(), await open()];
    expect(liveSubscriberCount()).toBe(2);

    await closeLiveHub();
    for (const stream of streams) {
      const frames = await stream.until("shutdown", 5_000);
      expect(JSON.parse(frames.at(-1)!.data)).toEqual({
        reason: "This server is shutting down. Reconnect to continue.",
      });
      expect(await stream.next(5_000)).toBeNull();
    }
    expect(liveSubscriberCount()).toBe(0);
  }, 60_000);
});
