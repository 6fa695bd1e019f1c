import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./callback-url";

describe("sameOriginPath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(sameOriginPath("/stories/abc?tab=2#x")).toBe("/stories/abc?tab=2#x");
    expect(sameOriginPath("/")).toBe("/");
  });

  it.each([
    ["TAB", "/\t/evil.example"],
    ["LF", "/\n/evil.example"],
    ["CR", "/\r/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["backslash", "/\\evil.example"],
    ["TAB and backslash", "/\t\\evil.example"],
    ["absolute", "https://evil.example/"],
    ["script", "javascript:alert(1)"],
    ["empty", ""],
    ["relative", "evil.example"],
  ])("sends %s elsewhere-links home", (_name, value) => {
    expect(sameOriginPath(value)).toBe("/");
  });

  it("decides as the browser would: the result never leaves the origin", () => {
    for (const value of ["/\t/evil.example", "/%09/evil.example", "/./\t/evil.example", "/ /evil.example"]) {
      const result = sameOriginPath(value);
      expect(new URL(result, "https://app.example").origin).toBe("https://app.example");
    }
  });

  it("checks against the given origin", () => {
    expect(sameOriginPath("/a", "https://app.example")).toBe("/a");
  });
});
