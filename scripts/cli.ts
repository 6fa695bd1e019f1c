/**
 * `npm run cli -- COMMAND [ARGS…]`: the command-line tools. Each command is a
 * module scripts/cli/COMMAND.ts exporting a CliCommand. Commands run against
 * DATABASE_URL when set, otherwise the embedded PostgreSQL (started for the
 * command and stopped after, or reused when already running).
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createDb } from "../lib/db";
import type { CliCommand } from "./cli/types";
import { migrateDeploy } from "./lib/migrate";
import { provideAppDatabase, stopOnExit } from "./lib/postgres-server";

const dir = path.join(import.meta.dirname, "cli");

function available(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "types.ts" && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function load(name: string): Promise<CliCommand | null> {
  const file = path.join(dir, `${name}.ts`);
  if (!/^[a-z][a-z-]*$/.test(name) || !existsSync(file)) return null;
  return ((await import(pathToFileURL(file).href)) as { default: CliCommand }).default;
}

async function usage(): Promise<string> {
  const lines = ["usage: npm run cli -- COMMAND [ARGS…]", "", "commands:"];
  for (const name of available()) {
    const command = await load(name);
    if (command) lines.push(`  ${name.padEnd(10)} ${command.summary}`);
  }
  lines.push("", "`npm run cli -- COMMAND --help` for a command's options.");
  return lines.join("\n");
}

async function main(): Promise<number | null> {
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(await usage());
    return name ? 0 : 2;
  }
  const command = await load(name);
  if (!command) {
    console.error(`unknown command: ${name}\n\n${await usage()}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    console.log(command.help);
    return 0;
  }
  const log = (m: string) => console.error(`[cli] ${m}`);
  const { server, url } = await provideAppDatabase(log);
  const shutdown = stopOnExit(() => server.stop());
  const db = createDb(url);
  let code = 1;
  try {
    await migrateDeploy(url, true);
    code = await command.run(args, { db, log, databaseUrl: url });
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await db.$disconnect();
  }
  shutdown(code); // stops the database server it started, then exits with code
  return null;
}

// A command that ran exits through shutdown() with its own code; usage,
// --help and an unknown command (2: bad usage) end here.
void main().then((code) => {
  if (code !== null) process.exit(code);
});
