/**
 * Reads a text/event-stream body frame by frame, for tests and benchmarks
 * (browsers use EventSource). Comments (heartbeats) are reported too.
 */
export interface SseFrame {
  id?: string;
  event: string;
  data: string;
  /** A comment line (": ping"), with no event. */
  comment?: string;
}

export class SseReader {
  private buffer = "";
  private readonly decoder = new TextDecoder();
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly frames: SseFrame[] = [];

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The next frame, or null when the stream ended; rejects after `timeoutMs`. */
  async next(timeoutMs = 5_000): Promise<SseFrame | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = this.frames.shift();
      if (frame) return frame;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), left);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) return null;
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
      this.parse();
    }
  }

  /** Frames until one of type `event` (included), skipping comments. */
  async until(event: string, timeoutMs = 5_000): Promise<SseFrame[]> {
    const seen: SseFrame[] = [];
    for (;;) {
      const frame = await this.next(timeoutMs);
      if (!frame) throw new Error(`the stream ended before a "${event}" event`);
      if (frame.comment !== undefined) continue;
      seen.push(frame);
      if (frame.event === event) return seen;
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }

  private parse() {
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const frame: SseFrame = { event: "message", data: "" };
      const data: string[] = [];
      let fields = 0;
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) {
          frame.comment = line.slice(1).trim();
          continue;
        }
        const colon = line.indexOf(":");
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        fields++;
        if (name === "id") frame.id = value;
        else if (name === "event") frame.event = value;
        else if (name === "data") data.push(value);
      }
      frame.data = data.join("\n");
      if (fields === 1 && block.startsWith("retry:")) continue;
      if (fields || frame.comment !== undefined) this.frames.push(frame);
    }
  }
}
