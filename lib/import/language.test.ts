import { describe, expect, it } from "vitest";
import { canonicalLanguage } from "./language";

describe("canonicalLanguage", () => {
  it.each([
    ["sv", "sv"],
    ["EN", "en"],
    ["zh-hans", "zh-Hans"],
    ["ZH-HANS-cn", "zh-Hans-CN"],
    ["ar", "ar"],
    [" fr ", "fr"],
    ["iw", "he"],
  ])("canonicalizes %s to %s", (input, tag) => {
    expect(canonicalLanguage(input)).toEqual({ ok: true, tag });
  });

  it.each(["", "   ", "english!", "e", "sv_SE", "123", "x"])("refuses %j with a reason", (input) => {
    const result = canonicalLanguage(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/language/);
  });

  it("suggests the hyphen when given an underscore", () => {
    expect(canonicalLanguage("sv_SE")).toMatchObject({ ok: false, reason: expect.stringContaining("sv-SE") });
  });

  it("refuses a non-string", () => {
    expect(canonicalLanguage(42).ok).toBe(false);
  });
});
