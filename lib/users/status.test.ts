import { describe, expect, it } from "vitest";
import { accountStatus } from "./status";

const base = { disabledAt: null, hasPassword: false, sso: false, lastSignInAt: null };

describe("accountStatus", () => {
  it("tells an invitation from a reset, and both from an active or disabled account", () => {
    expect(accountStatus(base)).toBe("invited");
    expect(accountStatus({ ...base, lastSignInAt: new Date() })).toBe("password reset");
    expect(accountStatus({ ...base, hasPassword: true })).toBe("active");
    expect(accountStatus({ ...base, sso: true })).toBe("active");
    expect(accountStatus({ ...base, hasPassword: true, disabledAt: new Date() })).toBe("disabled");
  });
});
