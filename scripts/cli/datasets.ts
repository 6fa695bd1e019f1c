/**
 * `npm run cli -- datasets`: the frozen dataset snapshots — list them, show
 * one, verify its file against the recorded SHA-256, or download it again
 * byte for byte. (Create them with `export --snapshot NAME`.)
 */
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { AppError } from "../../lib/errors";
import { describeFilter, listSnapshots, openSnapshot, verifySnapshot } from "../../lib/export";
import type { CliCommand } from "./types";

const HELP = `usage: npm run cli -- datasets list
       npm run cli -- datasets show NAME
       npm run cli -- datasets verify NAME
       npm run cli -- datasets get NAME [--agreement] --out FILE|-

list    snapshots, newest first: name, format, spans, size, SHA-256
show    one snapshot as JSON (filter, counts, hash, how to cite it)
verify  re-hash the stored file (and the agreement report frozen with it);
        exit 1 if one no longer matches
get     the snapshot's file, verified while it is copied; with --agreement,
        the agreement report frozen with it (export --with-agreement)`;

const command: CliCommand = {
  summary: "list, verify and download dataset snapshots",
  help: HELP,
  async run(args, { db }) {
    const [action, name, ...rest] = args;
    try {
      switch (action) {
        case "list":
          for (const s of await listSnapshots(db, { take: 1000 })) {
            console.log(
              [
                s.name,
                s.format,
                `${s.counts.spans.total} spans`,
                `${s.byteSize} bytes`,
                s.sha256,
                describeFilter(s.filter),
              ].join("\t"),
            );
          }
          return 0;
        case "show":
          if (!name) break;
          console.log(JSON.stringify((await openSnapshot(db, { name })).snapshot, null, 2));
          return 0;
        case "verify": {
          if (!name) break;
          const check = await verifySnapshot(db, { name });
          const line = (what: string, c: { ok: boolean; expected: string; actual: string | null }) =>
            c.ok ? `ok ${what}${c.expected}` : `MISMATCH: ${what}recorded ${c.expected}, file ${c.actual ?? "missing"}`;
          console.log(line("", check.file));
          if (check.agreement) console.log(line("agreement report ", check.agreement));
          return check.ok ? 0 : 1;
        }
        case "get": {
          const part = rest[0] === "--agreement" ? "agreement" : "data";
          const options = part === "agreement" ? rest.slice(1) : rest;
          const out = options[0] === "--out" ? options[1] : undefined;
          if (!name || !out) break;
          const opened = await openSnapshot(db, { name }, { part });
          if (out === "-") {
            await pipeline(opened.stream(), process.stdout, { end: false });
          } else {
            const partial = `${out}.partial-${process.pid}`;
            try {
              await pipeline(opened.stream(), createWriteStream(partial));
              await fs.rename(partial, out);
            } finally {
              await fs.rm(partial, { force: true });
            }
          }
          return 0;
        }
      }
    } catch (error) {
      if (error instanceof AppError) {
        console.error(`error: ${error.message}`);
        return error.code === "INTEGRITY_ERROR" ? 1 : 2;
      }
      throw error;
    }
    console.error(HELP);
    return 2;
  },
};

export default command;
