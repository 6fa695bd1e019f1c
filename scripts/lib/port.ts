/**
 * `npm start` must serve on its own port: if another process (another
 * Parallax, or anything else) already listens there, the health check would
 * reach that process and report success for a server that never started.
 */
import net from "node:net";

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
  ) {
    super(
      `Port ${port} on ${host} is already in use by another process (another Parallax, or another program). ` +
        `Stop it, or start Parallax on a free port: PORT=${port + 1} npm start`,
    );
    this.name = "PortInUseError";
  }
}

/** Resolves when `host:port` can be listened on (it is released again at once); PortInUseError otherwise. */
export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" || error.code === "EACCES" ? new PortInUseError(port, host) : error);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
