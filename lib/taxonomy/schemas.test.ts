import { describe, expect, it } from "vitest";
import { labelInput, verdictInput } from "./schemas";

const message = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? "ok" : result.error!.issues[0]!.message;

describe("label input", () => {
  const valid = { key: "org", name: "Organisation", kind: "ENTITY", color: "#9333EA", shortcut: "O" };

  it("normalizes key, colour and shortcut", () => {
    expect(labelInput.parse(valid)).toEqual({
      key: "ORG",
      name: "Organisation",
      kind: "ENTITY",
      color: "#9333ea",
      shortcut: "o",
    });
    expect(labelInput.parse({ ...valid, shortcut: "" }).shortcut).toBeNull();
    expect(labelInput.parse({ ...valid, shortcut: "é" }).shortcut).toBe("é");
  });

  it("explains what is wrong", () => {
    expect(message(labelInput.safeParse({ ...valid, key: "1st" }))).toBe(
      "The key must start with a letter and use only A–Z, 0–9 and _ (at most 32).",
    );
    expect(message(labelInput.safeParse({ ...valid, name: "  " }))).toBe("Enter a name.");
    expect(message(labelInput.safeParse({ ...valid, color: "purple" }))).toBe(
      "The colour must be a hex colour like #2563eb.",
    );
    expect(message(labelInput.safeParse({ ...valid, shortcut: "ab" }))).toBe(
      "The shortcut must be a single character.",
    );
    // One grapheme, several code points: still one key.
    expect(message(labelInput.safeParse({ ...valid, shortcut: "e\u0301" }))).toBe("ok");
    expect(message(labelInput.safeParse({ ...valid, kind: "THING" }))).toBe(
      "Choose whether the label tags entities or claims.",
    );
  });
});

describe("verdict input", () => {
  it("takes the value from a form field and keeps it on the scale", () => {
    const valid = { key: "mostly_true", name: "Mostly true", value: "4", color: "#65a30d", description: "" };
    expect(verdictInput.parse(valid)).toMatchObject({ key: "MOSTLY_TRUE", value: 4, description: null });
    expect(message(verdictInput.safeParse({ ...valid, value: "4.5" }))).toBe("The value must be a whole number.");
    expect(message(verdictInput.safeParse({ ...valid, value: "101" }))).toBe("The value must be between 0 and 100.");
  });
});
