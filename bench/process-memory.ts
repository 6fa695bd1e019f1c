/**
 * Memory readings of local processes from /proc (Linux), for benchmarks that
 * report the peak memory of the servers they start.
 */
import { readFileSync, readdirSync } from "node:fs";

function statusField(pid: number, field: string, file = "status"): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/${file}`, "utf8"));
    return Number(match?.[1] ?? 0);
  } catch {
    return 0; // gone meanwhile, or not ours to read
  }
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

/** Resident memory (KiB) of a process and its descendants. */
export function treeResidentKiB(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + statusField(p, "VmRSS"), 0);
}

/**
 * Proportional set size (KiB) of processes: shared pages (PostgreSQL's shared
 * buffers) counted once across them, not once per process as RSS would.
 */
export function proportionalKiB(pids: readonly number[]): number {
  return pids.reduce((sum, p) => sum + statusField(p, "Pss", "smaps_rollup"), 0);
}

/** Samples `read()` every `everyMs` and keeps the highest value until `stop()`. */
export function peakSampler(read: () => number | Promise<number>, everyMs: number) {
  let peak = 0;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try {
      peak = Math.max(peak, await read());
    } catch {
      // a failed reading is skipped
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  let timer = setTimeout(tick, 0);
  return {
    stop(): number {
      stopped = true;
      clearTimeout(timer);
      return peak;
    },
  };
}
