import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

describe("clientIp", () => {
  it("takes the first hop only behind a trusted proxy", () => {
    expect(clientIp(h("203.0.113.5, 10.0.0.2"), true)).toBe("203.0.113.5");
  });
  it("otherwise takes the last hop (the socket address Next.js recorded)", () => {
    expect(clientIp(h("1.2.3.4, 198.51.100.9"), false)).toBe("198.51.100.9");
  });
  it("unwraps IPv4-mapped IPv6 and copes with no header", () => {
    expect(clientIp(h("::ffff:127.0.0.1"), false)).toBe("127.0.0.1");
    expect(clientIp(h("::1"), false)).toBe("::1");
    expect(clientIp(h(), false)).toBeNull();
  });
});
