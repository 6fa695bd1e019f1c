/**
 * Token names are chosen by users: listed inside <bdi>, so a right-to-left
 * override in one cannot reorder the row around it.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TokenTable, isolated } from "./TokenTable";

const RLO = "\u202e";
const row = {
  id: "t1",
  prefix: "plx_ab12",
  createdAt: "2026-01-02T00:00:00.000Z",
  lastUsedAt: null,
  expiresAt: null,
  revokedAt: null,
  expired: false,
};

describe("TokenTable", () => {
  it("isolates each token name", () => {
    const name = `${RLO}txt.exe nightly`;
    const html = renderToStaticMarkup(
      createElement(TokenTable, { tokens: [{ ...row, name }], empty: "None", onRevoke: () => {} }),
    );
    expect(html).toContain(`<bdi>${name}</bdi>`);
    expect(html).toContain("Revoke");
    expect(html).toContain("active");
  });

  it("offers no Revoke on a revoked or expired token", () => {
    const html = renderToStaticMarkup(
      createElement(TokenTable, {
        tokens: [
          { ...row, name: "a", revokedAt: "2026-01-03T00:00:00.000Z" },
          { ...row, id: "t2", name: "b", expired: true },
        ],
        empty: "None",
        onRevoke: () => {},
      }),
    );
    expect(html).not.toContain("Revoke");
    expect(html).toMatch(/revoked[\s\S]*expired/);
  });

  it("isolates a name in plain text (a confirmation dialog) with FSI…PDI", () => {
    expect(isolated(`${RLO}x`)).toBe(`\u2068${RLO}x\u2069`);
  });
});
