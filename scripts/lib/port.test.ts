import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { assertPortFree, PortInUseError } from "./port";

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Another process's server: listening on a free port, answering every request (as a health check would see it). */
async function otherServer(host: string): Promise<number> {
  const server = net.createServer((socket) => socket.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as net.AddressInfo).port;
}

describe("assertPortFree", () => {
  it("refuses a port another server already listens on, saying so", async () => {
    const port = await otherServer("127.0.0.1");
    const error = await assertPortFree(port, "127.0.0.1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as Error).message).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  });

  it("refuses localhost when another server listens on every address", async () => {
    const port = await otherServer("0.0.0.0");
    await expect(assertPortFree(port, "localhost")).rejects.toBeInstanceOf(PortInUseError);
  });

  it("accepts a free port and leaves it free", async () => {
    const port = await otherServer("127.0.0.1");
    await new Promise((r) => servers.pop()!.close(r));
    await assertPortFree(port, "127.0.0.1");
    await assertPortFree(port, "127.0.0.1");
  });
});
