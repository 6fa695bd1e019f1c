/**
 * The embedded PostgreSQL's lock file: a second start on a running cluster
 * reuses it, also where there is no /proc to ask (macOS), and a lock file
 * whose server is gone is cleared so the cluster starts.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, waitForConnection } from "@/scripts/lib/postgres-server";

const parent = mkdtempSync(path.join(os.tmpdir(), "parallax-pg-lock-"));
// As root, PostgreSQL runs as the "postgres" user, which must be able to enter the folder.
chmodSync(parent, 0o755);
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe("the embedded PostgreSQL's lock file", () => {
  it("is kept while its server runs, /proc or not, and cleared once the server is gone", async () => {
    const dataDir = path.join(parent, "data");
    const lock = path.join(dataDir, "postmaster.pid");
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    let stopped = false;
    try {
      const pid = readFileSync(lock, "utf8").split("\n")[0];
      // A system without /proc: nothing can be read about the process.
      const again = await startEmbeddedPostgres({ dataDir, port, procDir: path.join(parent, "no-proc") });
      expect(again.origin).toBe("reused");
      expect(readFileSync(lock, "utf8").split("\n")[0]).toBe(pid);
      await waitForConnection(first.adminUrl, 5_000);

      await first.stop();
      stopped = true;
      // A crash leaves the lock file behind, naming a process that is gone.
      writeFileSync(lock, `${2 ** 22 + 12345}\n${dataDir}\n`);
      const restarted = await startEmbeddedPostgres({ dataDir, port, procDir: path.join(parent, "no-proc") });
      try {
        expect(restarted.origin).toBe("embedded");
        await waitForConnection(restarted.adminUrl, 5_000);
      } finally {
        await restarted.stop();
      }
      expect(existsSync(lock)).toBe(false);
    } finally {
      if (!stopped) await first.stop();
    }
  }, 180_000);
});
