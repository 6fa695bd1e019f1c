import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, withLogContext } from "./log";
import { acceptableRequestId } from "./request-id";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger(stream, "info") };
}

describe("the server log", () => {
  it("puts the request id on every line written while serving the request", async () => {
    const { lines, logger } = capture();
    await withLogContext({ requestId: "req-abc-123" }, async () => {
      logger.info("first");
      await new Promise((r) => setTimeout(r, 5));
      logger.warn({ route: "/api/me" }, "second, after an await");
    });
    logger.info("outside any request");
    expect(lines.map((l) => [l.msg, l.requestId, l.level])).toEqual([
      ["first", "req-abc-123", "info"],
      ["second, after an await", "req-abc-123", "warn"],
      ["outside any request", undefined, "info"],
    ]);
  });

  it("redacts credentials and article text, at the top level, one level down and in headers", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        authorization: "Bearer plx_secret",
        password: "hunter2hunter2",
        user: { email: "a@example.org", token: "plx_also_secret" },
        req: { headers: { cookie: "session=abc", "x-request-id": "r1" } },
        span: { quote: "words of the article", start: 3 },
        text: "the whole article",
      },
      "call",
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ["plx_secret", "hunter2", "plx_also_secret", "session=abc", "words of the", "whole article"]) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      authorization: "[redacted]",
      user: { email: "a@example.org", token: "[redacted]" },
      req: { headers: { cookie: "[redacted]", "x-request-id": "r1" } },
      span: { quote: "[redacted]", start: 3 },
    });
  });

  it("accepts a forwarded request id only when it is short and printable", () => {
    expect(acceptableRequestId("9f1c2b7e-4d7a-4c1e-9a0e-2b9f0f5d3c11")).toBe(true);
    expect(acceptableRequestId("has space")).toBe(false);
    expect(acceptableRequestId("x".repeat(129))).toBe(false);
    expect(acceptableRequestId(null)).toBe(false);
  });
});
