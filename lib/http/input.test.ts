import { describe, expect, it } from "vitest";
import { findInvalidText, invalidUrlText, isValidText, readJson } from "./input";

const req = (body: BodyInit | null, headers: Record<string, string> = {}) => {
  const r = new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { headers: r.headers, body: r.body };
};

describe("text at the boundary", () => {
  it("refuses NUL and lone surrogates, keeps every script and emoji", () => {
    expect(isValidText("Ελληνικά עברית 中文 😀")).toBe(true);
    expect(isValidText("a\u0000b")).toBe(false);
    expect(isValidText("\ud83d")).toBe(false);
    expect(isValidText("x\ude00")).toBe(false);
  });

  it("names the field holding invalid text, however deep", () => {
    expect(findInvalidText({ name: "ok", filter: { labels: ["a", "b\u0000"] } })).toBe("filter.labels.1");
    expect(findInvalidText({ ["k\u0000"]: 1 })).toBe("(a key)");
    expect(findInvalidText({ n: 1, ok: true, s: "fine" })).toBeNull();
  });

  it("refuses a URL whose query or path carries invalid text", () => {
    expect(invalidUrlText(new URL("http://h/?q=%00"))?.message).toMatch(/^Query parameter q contains a NUL/);
    expect(invalidUrlText(new URL("http://h/stories/a%00b"))?.status).toBe(400);
    expect(invalidUrlText(new URL("http://h/?q=%ED%A0%80"))).toBeNull(); // decoded as U+FFFD, which is fine
    expect(invalidUrlText(new URL("http://h/stories/x?q=caf%C3%A9"))).toBeNull();
  });
});

describe("readJson", () => {
  it("refuses a body over the limit with 413 naming the limit, by Content-Length", async () => {
    await expect(
      readJson(req("{}", { "content-length": String(9 * 1024 * 1024) }), 8 * 1024 * 1024),
    ).rejects.toMatchObject({
      status: 413,
      code: "BODY_TOO_LARGE",
      message: "The request body is larger than the limit of 8 MiB.",
    });
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    await expect(readJson({ headers: new Headers(), body: stream }, 1024 * 1024)).rejects.toMatchObject({
      status: 413,
    });
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it("answers INVALID_JSON for broken JSON and INVALID_TEXT naming the field", async () => {
    await expect(readJson(req("{"))).rejects.toMatchObject({ status: 400, code: "INVALID_JSON" });
    await expect(readJson(req('{"name":"a\\u0000"}'))).rejects.toMatchObject({
      status: 400,
      code: "INVALID_TEXT",
      message: "name contains a NUL character or broken Unicode, which cannot be stored.",
    });
    expect(await readJson(req('{"name":"Ελληνικά"}'))).toEqual({ name: "Ελληνικά" });
  });
});
