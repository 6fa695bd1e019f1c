import { describe, expect, it } from "vitest";
import { can, permissionsOf } from "./policy";

describe("policy", () => {
  it("lets admins do everything", () => {
    expect(permissionsOf("ADMIN")).toContain("user.manage");
    expect(permissionsOf("ADMIN")).toContain("annotation.write");
  });

  it("lets editors annotate and export but not manage users or the taxonomy", () => {
    expect(can({ role: "EDITOR" }, "annotation.write")).toBe(true);
    expect(can({ role: "EDITOR" }, "export.run")).toBe(true);
    expect(can({ role: "EDITOR" }, "user.manage")).toBe(false);
    expect(can({ role: "EDITOR" }, "taxonomy.manage")).toBe(false);
  });

  it("lets viewers read and export only", () => {
    expect(permissionsOf("VIEWER").sort()).toEqual(["account.password", "account.self", "export.run", "story.read"]);
  });

  it("refuses anonymous principals everything", () => {
    expect(can(null, "story.read")).toBe(false);
  });
});
