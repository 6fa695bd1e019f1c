import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveConnection } from "./connection";

/** Just enough of EventSource: the connection's listeners, and a way to deliver frames to them. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readonly listeners = new Map<string, ((m: MessageEvent<string>) => void)[]>();
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(event: string, listener: (m: MessageEvent<string>) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  deliver(event: string, data: unknown) {
    for (const l of this.listeners.get(event) ?? []) l({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

function connect() {
  FakeEventSource.opened = [];
  // The connection listens for the browser's online/offline events on window.
  vi.stubGlobal("window", new EventTarget());
  const connection = new LiveConnection({
    storyId: "story-1",
    cursor: 5,
    tabId: "tab-12345678",
    EventSourceImpl: FakeEventSource as unknown as typeof EventSource,
  });
  let notified = 0;
  connection.subscribe(() => notified++);
  connection.start({ onChanges: () => {} });
  return { connection, notifications: () => notified };
}

describe("LiveConnection's stream id (the stream a tab reports its presence under)", () => {
  it("is the server's id from the ready frame, and only while live", () => {
    const { connection } = connect();
    const source = FakeEventSource.opened[0]!;
    expect(source.url).toBe("/api/stories/story-1/events?after=5&tab=tab-12345678");
    expect(connection.streamId).toBeNull();
    source.deliver("ready", { cursor: 9, stream: "stream-a" });
    expect(connection.getState()).toBe("live");
    expect(connection.streamId).toBe("stream-a");
    expect(connection.lastCursor).toBe(9);
    source.onerror?.();
    expect(connection.getState()).toBe("reconnecting");
    expect(connection.streamId).toBeNull();
    connection.stop();
  });

  it("tells its listeners about a new stream even when the state stays live", () => {
    const { connection, notifications } = connect();
    FakeEventSource.opened[0]!.deliver("ready", { cursor: 9, stream: "stream-a" });
    const before = notifications();
    // Back online without having been seen offline: the stream is reopened while the state stays "live".
    window.dispatchEvent(new Event("online"));
    const renewed = FakeEventSource.opened[1]!;
    expect(FakeEventSource.opened[0]!.closed).toBe(true);
    renewed.deliver("ready", { cursor: 9, stream: "stream-b" });
    expect(connection.getState()).toBe("live");
    expect(connection.streamId).toBe("stream-b");
    expect(notifications()).toBeGreaterThan(before);
    connection.stop();
  });
});
