/**
 * `next build` only when the sources changed since the last build: a hash of
 * every source file is kept beside the build output.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./database-config";
import { bin, run } from "./run";

const SOURCE_DIRS = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts"];
const SOURCE_FILES = [
  "package-lock.json",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "prisma/schema.prisma",
];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function* walk(target: string): Generator<string> {
  if (!existsSync(target)) return;
  if (statSync(target).isFile()) {
    yield target;
    return;
  }
  for (const entry of readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (!entry.name.endsWith(".test.ts")) yield full;
  }
}

export function sourceHash(): string {
  const root = projectRoot();
  const hash = createHash("sha256");
  for (const rel of [...SOURCE_DIRS, ...SOURCE_FILES]) {
    for (const file of walk(path.join(root, rel))) {
      hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex");
}

const stampFile = () => path.join(projectRoot(), ".next", "parallax-source-hash");

export function buildIsCurrent(): boolean {
  const stamp = stampFile();
  return (
    existsSync(path.join(projectRoot(), ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === sourceHash()
  );
}

export async function buildIfNeeded(log: (m: string) => void = console.log): Promise<boolean> {
  if (buildIsCurrent()) return false;
  log("Building the app (next build) …");
  const hash = sourceHash();
  await run(bin("next"), ["build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  writeFileSync(stampFile(), hash);
  return true;
}
