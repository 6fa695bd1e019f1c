import { describe, expect, it } from "vitest";
import { readSpansFile, spansMerger } from "./spans-file";

const span = (start: number, end: number, text: string) => ({ start, end, text, kind: "entity", label: "ORG" });

describe("spans file", () => {
  it("merges spans by external_id after the line's own, and reports lines that matched nothing", async () => {
    const file = await readSpansFile(
      [
        JSON.stringify({ external_id: "a", spans: [span(0, 4, "Kiel")] }),
        "",
        JSON.stringify({ external_id: 7, spans: [] }),
        JSON.stringify({ external_id: "nowhere", spans: [span(1, 2, "x")] }),
      ].join("\n"),
    );
    const merger = spansMerger(file);
    expect(merger.merge({ external_id: "a", text: "Kiel port", spans: [span(5, 9, "port")] }).spans).toEqual([
      span(5, 9, "port"),
      span(0, 4, "Kiel"),
    ]);
    expect(merger.merge({ external_id: 7, text: "t" }).spans).toEqual([]);
    const other = { external_id: "b", text: "t" };
    expect(merger.merge(other)).toBe(other);
    expect(merger.report()).toEqual({
      lines: 3,
      matched: 2,
      unmatched: [{ line: 4, externalId: "nowhere" }],
      rejected: [],
    });
  });

  it("rejects unusable lines with their number and reason", async () => {
    const file = await readSpansFile(
      [
        "{not json",
        JSON.stringify({ spans: [] }),
        JSON.stringify({ external_id: "a", spans: "none" }),
        JSON.stringify({ external_id: "a", spans: [] }),
        JSON.stringify({ external_id: "a", spans: [] }),
      ].join("\n"),
    );
    expect(file.rejected).toEqual([
      { line: 1, reason: expect.stringContaining("not valid JSON") },
      { line: 2, reason: expect.stringContaining("external_id: is required") },
      { line: 3, reason: "spans: expected an array of spans" },
      { line: 5, reason: 'external_id "a" already has spans on line 4' },
    ]);
    expect([...file.byExternalId.keys()]).toEqual(["a"]);
  });

  it("leaves inline spans that are not an array for the line schema to reject", async () => {
    const merger = spansMerger(await readSpansFile(JSON.stringify({ external_id: "a", spans: [span(0, 1, "K")] })));
    const line = { external_id: "a", text: "K", spans: "bad" };
    expect(merger.merge(line)).toBe(line);
  });
});
