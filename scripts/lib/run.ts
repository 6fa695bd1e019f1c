import { spawn, type SpawnOptions } from "node:child_process";
import { projectRoot } from "./database-config";

/** Runs a command, inheriting stdio; rejects with its exit code on failure. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: projectRoot(), ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new CommandError(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`, code ?? 1));
    });
  });
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Path of a package's command-line entry in node_modules/.bin. */
export function bin(name: string): string {
  return `${projectRoot()}/node_modules/.bin/${name}`;
}
