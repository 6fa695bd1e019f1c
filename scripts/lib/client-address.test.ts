import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";

describe("the client address preload", () => {
  const servers: http.Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it("drops a client's X-Forwarded-For unless TRUST_PROXY=1, so each request counts from its socket", async () => {
    delete process.env.TRUST_PROXY;
    await import("./client-address.mjs");
    const server = http.createServer((req, res) => res.end(JSON.stringify(req.headers["x-forwarded-for"] ?? null)));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    for (const forged of ["203.0.113.1", "203.0.113.2, 198.51.100.3"]) {
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": forged } });
      expect(await res.json()).toBeNull();
    }
  });
});
