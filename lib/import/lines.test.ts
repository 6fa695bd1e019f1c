import { describe, expect, it } from "vitest";
import { readLines, type Line } from "./lines";

async function collect(chunks: (Uint8Array | string)[], maxLineBytes = 1000): Promise<Line[]> {
  async function* source() {
    yield* chunks;
  }
  const out: Line[] = [];
  for await (const line of readLines(source(), { maxLineBytes })) out.push(line);
  return out;
}

describe("readLines", () => {
  it("numbers lines across chunk boundaries and counts their bytes", async () => {
    const lines = await collect(['{"a":', '1}\n{"b"', ':2}\r\n\n{"c":3}']);
    expect(lines.map((l) => (l.ok ? l.text : l.reason))).toEqual(['{"a":1}', '{"b":2}', "", '{"c":3}']);
    expect(lines.map((l) => l.number)).toEqual([1, 2, 3, 4]);
    expect(lines.reduce((n, l) => n + l.bytes, 0)).toBe('{"a":1}\n{"b":2}\r\n\n{"c":3}'.length);
  });

  it("keeps multi-byte characters split between chunks intact", async () => {
    const bytes = new TextEncoder().encode("日内瓦 🌙\nGenève\n");
    const lines = await collect([bytes.subarray(0, 2), bytes.subarray(2, 12), bytes.subarray(12)]);
    expect(lines.map((l) => l.ok && l.text)).toEqual(["日内瓦 🌙", "Genève"]);
  });

  it("drops byte order marks", async () => {
    const lines = await collect([new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0xef, 0xbb, 0xbf, 0x62])]);
    expect(lines.map((l) => l.ok && l.text)).toEqual(["a", "b"]);
  });

  it("reports a line that is not UTF-8 and goes on", async () => {
    const lines = await collect([new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x0a, 0x62])]);
    expect(lines[1]).toMatchObject({ number: 2, ok: false, reason: "line is not valid UTF-8" });
    expect(lines[2]).toMatchObject({ number: 3, ok: true, text: "b" });
  });

  it("reports an over-long line without buffering it and goes on", async () => {
    const long = "x".repeat(400);
    const lines = await collect([long, long, long, "\nok\n"], 1000);
    expect(lines[0]).toMatchObject({ number: 1, ok: false, bytes: 1201 });
    expect(lines[0]!.ok || lines[0]!.reason).toMatch(/larger than the limit/);
    expect(lines[1]).toMatchObject({ number: 2, ok: true, text: "ok" });
  });
});
