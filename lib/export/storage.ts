/**
 * Where dataset files live, and writing and reading them safely: a file
 * appears under its final name only once complete (written beside it, flushed
 * to disk, then linked into place, never over an existing file), and reading
 * one back checks its SHA-256.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { IntegrityError } from "./errors";
import { parseEnv, type RawEnv } from "../env";

/** The folder for snapshots and export-job files: PARALLAX_DATA_DIR, default `.data/datasets`. */
export function datasetsDir(env: RawEnv = process.env): string {
  return path.resolve(parseEnv(env).PARALLAX_DATA_DIR || path.join(process.cwd(), ".data", "datasets"));
}

/** Resolves a stored relative path inside the data folder, refusing anything that escapes it. */
export function resolveDataPath(dataDir: string, relative: string): string {
  const full = path.resolve(dataDir, relative);
  if (!full.startsWith(path.resolve(dataDir) + path.sep))
    throw new Error(`path ${relative} is outside the data folder`);
  return full;
}

/**
 * Writes `finalPath` through `write` and returns its result. The bytes go to
 * a temporary file first; on success it is flushed and linked to `finalPath`
 * (which must not exist: nothing is ever overwritten) and made read-only; on
 * failure nothing is left behind.
 */
export async function writeNewFile<T>(finalPath: string, write: (out: Writable) => Promise<T>): Promise<T> {
  await fs.mkdir(path.dirname(finalPath), { recursive: true });
  const partial = `${finalPath}.partial-${process.pid}-${Date.now()}`;
  try {
    const result = await write(createWriteStream(partial, { flags: "wx" }));
    const handle = await fs.open(partial, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(partial, 0o444);
    await fs.link(partial, finalPath).catch(async (error: NodeJS.ErrnoException) => {
      // EEXIST: a file is already there, and stays. Without hard links, an exclusive copy.
      if (error.code === "EEXIST") throw error;
      await fs.copyFile(partial, finalPath, fs.constants.COPYFILE_EXCL);
    });
    return result;
  } finally {
    await fs.rm(partial, { force: true });
  }
}

/** How a writeNewFile temporary file is named: `<final>.partial-<pid>-<ms>`. */
const PARTIAL = /\.partial-\d+-\d+$/;

/** A partial file untouched this long belongs to no live writer (a writer appends as it goes). */
export const STALE_PARTIAL_MS = 60 * 60 * 1000;

/**
 * Removes temporary files that writers which crashed left in the data
 * folder. Several instances may share the folder, so a file is only removed
 * once it has not been written to for `olderThanMs`: a live job on another
 * instance keeps its file fresh. Returns the paths removed.
 */
export async function removeStalePartials(
  dataDir: string,
  { now = Date.now(), olderThanMs = STALE_PARTIAL_MS }: { now?: number; olderThanMs?: number } = {},
): Promise<string[]> {
  const removed: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await visit(full);
      else if (entry.isFile() && PARTIAL.test(entry.name)) {
        const stat = await fs.stat(full).catch(() => null);
        if (stat && now - stat.mtimeMs >= olderThanMs) {
          await fs.rm(full, { force: true });
          removed.push(full);
        }
      }
    }
  };
  await visit(path.resolve(dataDir));
  return removed;
}

export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/**
 * The file as a stream that fails at the end (instead of finishing) when its
 * bytes do not hash to `sha256` — a corrupted download never looks complete.
 */
export function verifiedReadStream(file: string, expected: { sha256: string; bytes: number }): Readable {
  const hash = createHash("sha256");
  let bytes = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest("hex");
      if (actual !== expected.sha256 || bytes !== expected.bytes) {
        callback(
          new IntegrityError(`${path.basename(file)} does not match its recorded SHA-256`, expected.sha256, actual),
        );
      } else {
        callback();
      }
    },
  });
  pipeline(createReadStream(file), check).catch((error) => check.destroy(error as Error));
  return check;
}

/** A file-name-safe form of a name ("Élection 2026" → "election-2026"), or `fallback`. */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || fallback;
}
