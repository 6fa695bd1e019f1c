/**
 * Playwright cannot download its own browser here; use a system Chromium.
 * Looks at CHROMIUM_PATH, then the usual install locations; when none is
 * found and we may install packages (root with apt-get), installs Debian's.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function ensureChromium(log: (m: string) => void = console.log): string {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  const canInstall =
    os.userInfo().uid === 0 && existsSync("/usr/bin/apt-get") && process.env.PARALLAX_NO_INSTALL !== "1";
  if (!canInstall) {
    throw new Error(
      "No Chromium found: install it (`sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  log("No Chromium found; installing Debian's chromium package (apt-get install -y chromium) …");
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  const installed = findChromium();
  if (!installed) throw new Error("apt-get finished but no Chromium binary was found.");
  return installed;
}
